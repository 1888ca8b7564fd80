namespace Boundary.Audit;

/// <summary>What a long audit reports while it runs. Called from several tasks at once.</summary>
public interface IAuditProgress
{
    void Stage(string env, string stage);

    void StacksListed(string env, int stacks, int roles);

    /// <summary>IAM has answered for <paramref name="read"/> roles of the account so far (the bulk read scans the whole account).</summary>
    void RolesScanned(string env, int read);

    void BoundariesRead(string env, int done, int total);

    void Fixed(string env, int done, int total);

    /// <summary>Clears the display before the report is written.</summary>
    void Finish();
}
