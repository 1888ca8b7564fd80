using Boundary.Text;

namespace Boundary.Templates;

public enum PrincipalAction
{
    /// <summary>The boundary was added.</summary>
    Injected,

    /// <summary>A boundary was already there (a person's string or an intrinsic): left as it is.</summary>
    Kept,

    /// <summary>A value this tool wrote earlier was changed to the env's current boundary (persist mode).</summary>
    Updated,

    /// <summary>A value this tool wrote earlier was removed because the env has no boundary now (persist mode).</summary>
    Removed,

    /// <summary>Not a principal the rules cover (service-linked roles; users without --include-users).</summary>
    Skipped,
}
