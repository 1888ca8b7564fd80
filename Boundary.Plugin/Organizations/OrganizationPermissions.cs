using Boundary.Aws;

namespace Boundary.Organizations;

/// <summary>What reading the organisation needs, and a refused or failed call said so that the user can act on it.</summary>
public static class OrganizationPermissions
{
    public const string RequirementsPermissions =
        "organizations:DescribeOrganization, organizations:ListParents, organizations:ListPoliciesForTarget and organizations:DescribePolicy";

    public static bool IsAccessDenied(AwsServiceException e) =>
        e.ErrorCode is AwsErrorCodes.AccessDenied or "AccessDeniedException" or "UnauthorizedOperation" or "AccessDeniedForDependencyException";

    /// <summary>One line: which permission was missing (organizations:ListParents), with whose credentials, and what to do.</summary>
    public static string Describe(AwsServiceException e, string credentialSource)
    {
        var permission = $"{e.Service}:{e.Operation}";
        var request = e.RequestId is null ? "" : $" (request id {e.RequestId})";
        if (IsAccessDenied(e))
            return $"the organisation's credentials ({credentialSource}) may not call {permission}: {e.ErrorMessage}{request}. " +
                   $"Reading SCPs needs {RequirementsPermissions}, in the management account or a delegated administrator: grant {permission}, or pass --org-profile with such credentials.";
        return e.ErrorCode switch
        {
            "AWSOrganizationsNotInUseException" =>
                $"the credentials ({credentialSource}) belong to an account that is not in an organisation ({permission}: {e.ErrorMessage}). Pass --org-profile with the management account's credentials.",
            "ChildNotFoundException" or "TargetNotFoundException" or "AccountNotFoundException" =>
                $"the organisation has no such account ({permission}: {e.ErrorMessage}){request}. Check --account, or whether these are the right organisation's credentials ({credentialSource}).",
            AwsErrorCodes.Credentials => $"no usable AWS credentials for the organisation: {e.ErrorMessage}",
            _ => $"{e.Message}{request} (credentials: {credentialSource})",
        };
    }
}
