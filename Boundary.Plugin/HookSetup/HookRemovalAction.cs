namespace Boundary.HookSetup;

public enum HookRemovalAction
{
    NotInstalled,
    RemovedFile,
    RemovedBlock,

    /// <summary>Something was left because it changed since install, or its markers are broken.</summary>
    Left,
}
