namespace Boundary.Organizations;

/// <summary>What the policy variables of an SCP stand for when judging it for one account.</summary>
public sealed record ScpContext(string Account, string? OrganizationId, string Partition = "aws")
{
    public IReadOnlyDictionary<string, string> Variables
    {
        get
        {
            var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["aws:PrincipalAccount"] = Account };
            if (OrganizationId is not null)
                variables["aws:PrincipalOrgID"] = OrganizationId;
            return variables;
        }
    }
}
