namespace Boundary.Audit;

public sealed class NoProgress : IAuditProgress
{
    public static readonly NoProgress Instance = new();

    public void Stage(string env, string stage)
    {
    }

    public void StacksListed(string env, int stacks, int roles)
    {
    }

    public void RolesScanned(string env, int read)
    {
    }

    public void BoundariesRead(string env, int done, int total)
    {
    }

    public void Fixed(string env, int done, int total)
    {
    }

    public void Finish()
    {
    }
}
