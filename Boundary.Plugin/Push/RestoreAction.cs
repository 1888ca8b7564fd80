namespace Boundary.Push;

public enum RestoreAction
{
    /// <summary>The file held exactly the bytes the tool wrote; the original bytes are back.</summary>
    Restored,

    /// <summary>The file was rewritten since (by the host); the boundaries the tool added were removed from it as it now is.</summary>
    PropertiesRemoved,

    /// <summary>The file already holds its original bytes (never written, or restored before).</summary>
    AlreadyOriginal,

    /// <summary>A #current-cloud-backend copy the host did not replace since the run (a failed push): not ours to touch.</summary>
    NotCopied,

    /// <summary>The file is gone.</summary>
    Missing,

    /// <summary>The file changed and holds none of the tool's boundaries any more: nothing to undo.</summary>
    NothingToUndo,

    /// <summary>The file changed and could not be read as a template: left as it is, with a warning.</summary>
    Left,
}
