namespace Boundary.HookSetup;

public enum HookAction
{
    Created,
    AlreadyInstalled,
    BlockAdded,
    BlockUpdated,

    /// <summary>The user's hook is not a shell script: the helper is written, the user must add the call.</summary>
    ManualStep,
    Conflict,

    /// <summary>Nothing written for this hook, which could be installed, because the other one cannot be, or waits for the user's call.</summary>
    Held,
}
