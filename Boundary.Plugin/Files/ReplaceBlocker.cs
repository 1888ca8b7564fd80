namespace Boundary.Files;

/// <summary>What keeps an entry from being renamed over or removed in its folder, whatever the folder's permissions.</summary>
public enum ReplaceBlocker
{
    None,

    /// <summary>The entry or its folder is marked immutable or append-only (<c>chattr +i</c>, <c>+a</c>).</summary>
    ImmutableOrAppendOnly,

    /// <summary>The folder is sticky, and neither it nor the entry is this process's, which lacks CAP_FOWNER.</summary>
    StickyFolder,
}
