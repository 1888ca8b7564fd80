using Boundary.Audit;
using Boundary.Aws;
using Boundary.Cli;

namespace Boundary.Tests.Snapshots;

/// <summary>
/// The JSON and SARIF documents of audit, from a report that holds every kind of role and env (the
/// AWS side of audit has its own moto tests; this pins the shape of what it writes).
/// </summary>
[TestFixture]
[Category("Unit")]
public sealed class AuditSnapshotTests
{
    private const string Expected = "arn:aws:iam::123456789012:policy/DevBoundary";

    private static AuditReport Report()
    {
        var calls = new AwsCallCounter();
        calls.RecordRequest("cloudformation", "ListStackResources");
        calls.RecordRequest("iam", "GetRole");
        calls.RecordRequest("iam", "GetRole");
        calls.RecordThrottled();
        var stack = "amplify-app-dev-12345";
        var stackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/amplify-app-dev-12345/abc";
        var dev = new EnvAudit("dev")
        {
            StackName = stack,
            ExpectedBoundary = Expected,
            Region = "us-east-1",
            Account = "123456789012",
            CredentialSource = "profile dev",
            Stacks = 2,
            Roles =
            [
                new RoleAudit(new DeployedRole("ok-role", stack, stackId, "OkRole"), RoleStatus.Ok, "arn:aws:iam::123456789012:role/ok-role", "/", Expected),
                new RoleAudit(new DeployedRole("bare-role", stack, stackId, "BareRole"), RoleStatus.Missing, "arn:aws:iam::123456789012:role/bare-role", "/", null),
                new RoleAudit(new DeployedRole("other-role", stack, stackId, "OtherRole"), RoleStatus.Different, "arn:aws:iam::123456789012:role/other-role", "/", "arn:aws:iam::123456789012:policy/Other"),
                new RoleAudit(new DeployedRole("fixed-role", stack, stackId, "FixedRole"), RoleStatus.Missing, "arn:aws:iam::123456789012:role/fixed-role", "/", null) { Fixed = true },
                new RoleAudit(new DeployedRole("gone-role", null, null, "AuthRoleName"), RoleStatus.NotFound, null, null, null),
                new RoleAudit(new DeployedRole("AWSServiceRoleForX", stack, stackId, "Linked"), RoleStatus.ServiceLinked, "arn:aws:iam::123456789012:role/aws-service-role/AWSServiceRoleForX", "/aws-service-role/", null),
            ],
            Notes = ["a note that changes no verdict"],
        };
        var prod = new EnvAudit("prod") { Skipped = "no permissions boundary" };
        var test = new EnvAudit("test") { StackName = "amplify-app-test-1", ExpectedBoundary = Expected, Error = "AccessDenied: not allowed. Grant cloudformation:ListStackResources.", ErrorCode = "AccessDenied" };
        return new AuditReport([dev, prod, test], calls, TimeSpan.FromMilliseconds(1234)) { FixApplied = true };
    }

    [Test]
    public void Audit_json_matches_its_snapshot() =>
        Snapshot.Match("audit.json", ConsoleOutput.Serialize(AuditFormats.Json(Report())));

    [Test]
    public void Audit_sarif_matches_its_snapshot() =>
        Snapshot.Match("audit.sarif.json", ConsoleOutput.Serialize(AuditFormats.Sarif(Report(), "1.2.3")));
}
