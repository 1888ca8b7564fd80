namespace Boundary.Environments;

/// <summary>What <c>env add</c> decided, for messages and --json.</summary>
public enum EnvAddDecision
{
    /// <summary>--permissions-boundary was given (an ARN, or '' for none).</summary>
    Explicit,

    /// <summary>The source env has no boundary: nothing to carry over.</summary>
    SourceHasNone,

    /// <summary>The source env's boundary is reachable from the new env and was copied.</summary>
    Copied,

    /// <summary>Reachability could not be checked; copied anyway (as the host does), with a warning.</summary>
    CopiedUnchecked,

    /// <summary>Not reachable; the person at the terminal gave another ARN.</summary>
    Prompted,
}
