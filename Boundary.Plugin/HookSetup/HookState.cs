namespace Boundary.HookSetup;

/// <summary>Where a hook stands.</summary>
public enum HookState
{
    /// <summary>No hook file calls the tool.</summary>
    NotInstalled,

    /// <summary>amplify/hooks/&lt;hook&gt;.sh is the file install wrote, unchanged.</summary>
    InstalledFile,

    /// <summary>The user's .sh hook holds the marked block, unchanged.</summary>
    InstalledBlock,

    /// <summary>The user's hook in another language holds the marked call of the helper script.</summary>
    InstalledCall,

    /// <summary>Markers are there but the block (or the helper script) differs from what install writes.</summary>
    Modified,

    /// <summary>Two hook files with the same base name: the host refuses to run either.</summary>
    Conflict,
}
