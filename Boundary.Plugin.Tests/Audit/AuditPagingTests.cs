using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Web;
using Amazon.Runtime;
using Boundary.Audit;
using Boundary.Aws;

namespace Boundary.Tests.Audit;

/// <summary>
/// The audit's AWS traffic without a network: a simulated CloudFormation and IAM that page their answers
/// the way AWS does (ListStackResources by NextToken, GetAccountAuthorizationDetails by Marker/IsTruncated),
/// throttle on demand and record every request. Here the number of calls is checked against pages.
/// </summary>
[Category("Unit")]
public class AuditPagingTests
{
    private const string Boundary = "arn:aws:iam::123456789012:policy/Boundary";

    /// <summary>An account's stacks and roles, answered in pages; <see cref="ThrottleFirst"/> requests of an action fail with Throttling.</summary>
    private sealed class FakeAws : HttpMessageHandler
    {
        private int inFlight;

        public Dictionary<string, List<(string LogicalId, string? PhysicalId, string Type)>> Stacks { get; } = new(StringComparer.Ordinal);

        /// <summary>The account's roles in IAM's order: name, path, boundary.</summary>
        public List<(string Name, string Path, string? Boundary)> Roles { get; } = [];

        public int StackPageSize { get; init; } = 100;

        public ConcurrentDictionary<string, int> ThrottleFirst { get; } = new();

        public ConcurrentQueue<Dictionary<string, string>> Requests { get; } = new();

        public int MaxInFlight { get; private set; }

        public TimeSpan Latency { get; init; } = TimeSpan.Zero;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var form = HttpUtility.ParseQueryString(await request.Content!.ReadAsStringAsync(cancellationToken));
            var parameters = form.AllKeys.ToDictionary(k => k!, k => form[k]!);
            Requests.Enqueue(parameters);
            var now = Interlocked.Increment(ref inFlight);
            lock (this)
                MaxInFlight = Math.Max(MaxInFlight, now);
            try
            {
                if (Latency > TimeSpan.Zero)
                    await Task.Delay(Latency, cancellationToken);
                var action = parameters["Action"];
                if (ThrottleFirst.TryGetValue(action, out var left) && left > 0)
                {
                    ThrottleFirst[action] = left - 1;
                    return Answer(HttpStatusCode.BadRequest, "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>t</RequestId></ErrorResponse>");
                }
                return action switch
                {
                    "ListStackResources" => ListStackResources(parameters),
                    "GetAccountAuthorizationDetails" => AccountDetails(parameters),
                    "GetRole" => GetRole(parameters["RoleName"]),
                    "PutRolePermissionsBoundary" => PutBoundary(parameters["RoleName"], parameters["PermissionsBoundary"]),
                    _ => Answer(HttpStatusCode.BadRequest, $"<ErrorResponse><Error><Code>InvalidAction</Code><Message>{action}</Message></Error></ErrorResponse>"),
                };
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }

        public int Count(string action) => Requests.Count(r => r["Action"] == action);

        private HttpResponseMessage ListStackResources(Dictionary<string, string> p)
        {
            if (!Stacks.TryGetValue(p["StackName"], out var resources))
                return Answer(HttpStatusCode.BadRequest, $"<ErrorResponse><Error><Code>ValidationError</Code><Message>Stack with id {p["StackName"]} does not exist</Message></Error></ErrorResponse>");
            var start = p.TryGetValue("NextToken", out var token) ? int.Parse(token) : 0;
            var page = resources.Skip(start).Take(StackPageSize).Select(r =>
                $"<member><LogicalResourceId>{r.LogicalId}</LogicalResourceId>{(r.PhysicalId is null ? "" : $"<PhysicalResourceId>{r.PhysicalId}</PhysicalResourceId>")}<ResourceType>{r.Type}</ResourceType><ResourceStatus>{(r.PhysicalId is null ? "CREATE_FAILED" : "CREATE_COMPLETE")}</ResourceStatus></member>");
            var next = start + StackPageSize < resources.Count ? $"<NextToken>{start + StackPageSize}</NextToken>" : "";
            return Answer(HttpStatusCode.OK, $"<ListStackResourcesResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><ListStackResourcesResult><StackResourceSummaries>{string.Concat(page)}</StackResourceSummaries>{next}</ListStackResourcesResult></ListStackResourcesResponse>");
        }

        private HttpResponseMessage AccountDetails(Dictionary<string, string> p)
        {
            p["Filter.member.1"].Should().Be("Role");
            var size = int.Parse(p["MaxItems"]);
            var start = p.TryGetValue("Marker", out var marker) ? int.Parse(marker) : 0;
            var page = Roles.Skip(start).Take(size).Select(RoleXml);
            var truncated = start + size < Roles.Count;
            return Answer(HttpStatusCode.OK, "<GetAccountAuthorizationDetailsResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetAccountAuthorizationDetailsResult>" +
                $"<IsTruncated>{(truncated ? "true" : "false")}</IsTruncated>{(truncated ? $"<Marker>{start + size}</Marker>" : "")}" +
                $"<RoleDetailList>{string.Concat(page)}</RoleDetailList><GroupDetailList/><UserDetailList/><Policies/></GetAccountAuthorizationDetailsResult></GetAccountAuthorizationDetailsResponse>");
        }

        private HttpResponseMessage GetRole(string name)
        {
            var role = Roles.FirstOrDefault(r => r.Name == name);
            return role.Name is null
                ? Answer(HttpStatusCode.NotFound, $"<ErrorResponse><Error><Code>NoSuchEntity</Code><Message>The role with name {name} cannot be found.</Message></Error></ErrorResponse>")
                : Answer(HttpStatusCode.OK, $"<GetRoleResponse><GetRoleResult>{RoleXml(role).Replace("member>", "Role>")}</GetRoleResult></GetRoleResponse>");
        }

        private HttpResponseMessage PutBoundary(string name, string boundary)
        {
            lock (Roles)
            {
                var i = Roles.FindIndex(r => r.Name == name);
                Roles[i] = Roles[i] with { Boundary = boundary };
            }
            return Answer(HttpStatusCode.OK, "<PutRolePermissionsBoundaryResponse><ResponseMetadata><RequestId>p</RequestId></ResponseMetadata></PutRolePermissionsBoundaryResponse>");
        }

        private static string RoleXml((string Name, string Path, string? Boundary) role) =>
            $"<member><Path>{role.Path}</Path><RoleName>{role.Name}</RoleName><RoleId>AROA{role.Name.GetHashCode():X8}</RoleId><Arn>arn:aws:iam::123456789012:role{role.Path}{role.Name}</Arn>" +
            (role.Boundary is null ? "" : $"<PermissionsBoundary><PermissionsBoundaryType>PermissionsBoundaryPolicy</PermissionsBoundaryType><PermissionsBoundaryArn>{role.Boundary}</PermissionsBoundaryArn></PermissionsBoundary>") +
            "</member>";

        private static HttpResponseMessage Answer(HttpStatusCode status, string body) => new(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };
    }

    private static (RoleAuditor Auditor, AwsCallCounter Calls, List<TimeSpan> Delays) Auditor(FakeAws aws, int bulkThreshold = RoleAuditor.DefaultBulkThreshold)
    {
        var calls = new AwsCallCounter();
        var delays = new List<TimeSpan>();
        var retry = new AwsRetryPolicy { Delay = (d, _) => { lock (delays) delays.Add(d); return Task.CompletedTask; }, Random = () => 1.0 };
        var http = new HttpMessageInvoker(aws);
        var credentials = new BasicAWSCredentials("AKID", "SECRET");
        AwsQueryClient Client(AwsServiceInfo service) => new(AwsServiceEndpoint.Resolve(service, "us-east-1", null, _ => null), credentials, http, retry) { Calls = calls };
        var auditor = new RoleAuditor(new CloudFormationClient(Client(AwsServiceInfo.CloudFormation)), new IamClient(Client(AwsServiceInfo.Iam))) { BulkThreshold = bulkThreshold };
        return (auditor, calls, delays);
    }

    private static string StackArn(string name) => $"arn:aws:cloudformation:us-east-1:123456789012:stack/{name}/0f1e2d3c-aaaa-bbbb-cccc-0123456789ab";

    /// <summary>An Amplify-like env: a root stack with <paramref name="nested"/> nested stacks of <paramref name="rolesPerStack"/> roles, amid <paramref name="otherRoles"/> roles of the account.</summary>
    private static FakeAws Account(int nested, int rolesPerStack, int otherRoles, Func<int, string?> boundaryOf)
    {
        var aws = new FakeAws();
        var random = new Random(7);
        var root = new List<(string, string?, string)>();
        var envRoles = new List<(string, string, string?)>();
        var n = 0;
        for (var s = 0; s < nested; s++)
        {
            var name = $"amplify-p-dev-1-nested{s}-XYZ";
            root.Add(($"nested{s}", StackArn(name), StackResourceSummary.StackType));
            aws.Stacks[StackArn(name)] = Enumerable.Range(0, rolesPerStack).Select(i =>
            {
                var roleName = $"{name}-Role{i}";
                envRoles.Add((roleName, "/", boundaryOf(n++)));
                return ($"Role{i}", (string?)roleName, StackResourceSummary.RoleType);
            }).ToList();
            aws.Stacks[StackArn(name)].Add(("Bucket", $"bucket-{s}", "AWS::S3::Bucket"));
        }
        aws.Stacks["amplify-p-dev-1"] = root;
        var others = Enumerable.Range(0, otherRoles).Select(i => ($"other-{i}", "/", (string?)null)).ToList();
        // The env's roles are spread through the account as IAM's alphabetical order would spread them.
        aws.Roles.AddRange(others.Concat(envRoles).OrderBy(_ => random.Next()));
        return aws;
    }

    private static EnvTarget Target(string stack = "amplify-p-dev-1") => new("dev", stack, Boundary, []);

    [Test]
    public async Task Calls_grow_with_pages_not_roles_500_roles_in_an_account_of_5000()
    {
        var aws = Account(nested: 10, rolesPerStack: 50, otherRoles: 4500, boundaryOf: i => i % 100 == 0 ? null : Boundary);
        var (auditor, calls, _) = Auditor(aws);

        var audit = await auditor.AuditAsync(Target());

        audit.Roles.Should().HaveCount(500);
        audit.Count(RoleStatus.Missing).Should().Be(5);
        audit.Count(RoleStatus.Ok).Should().Be(495);
        audit.Stacks.Should().Be(11);
        calls.Requests.Should().BeEquivalentTo(new Dictionary<string, int>
        {
            ["cloudformation:ListStackResources"] = 11, // the root and ten nested stacks, one page each
            ["iam:GetAccountAuthorizationDetails"] = 5, // 5,000 roles at 1,000 a page
        });
    }

    [Test]
    public async Task ListStackResources_follows_NextToken_and_nested_stack_ARNs_and_skips_resources_without_a_physical_id()
    {
        var aws = new FakeAws { StackPageSize = 2 };
        aws.Stacks["root"] = [("AuthRole", "root-auth", StackResourceSummary.RoleType), ("Bucket", "b", "AWS::S3::Bucket"), ("UnauthRole", "root-unauth", StackResourceSummary.RoleType), ("apidemo", StackArn("root-apidemo-1"), StackResourceSummary.StackType)];
        aws.Stacks[StackArn("root-apidemo-1")] = [("DataSourceRole", "ds-role", StackResourceSummary.RoleType), ("Broken", null, StackResourceSummary.RoleType)];
        aws.Roles.AddRange([("root-auth", "/", Boundary), ("root-unauth", "/", null), ("ds-role", "/", "arn:aws:iam::123456789012:policy/Other")]);
        var (auditor, calls, _) = Auditor(aws);

        var audit = await auditor.AuditAsync(new EnvTarget("dev", "root", Boundary, [("UnauthRoleName", "root-unauth"), ("AuthRoleName", "renamed")]));

        audit.Roles.Select(r => (r.Role.RoleName, r.Role.Stack, r.Role.LogicalId, r.Status)).Should().Equal(
            ("root-auth", "root", "AuthRole", RoleStatus.Ok),
            ("root-unauth", "root", "UnauthRole", RoleStatus.Missing),
            ("ds-role", "root-apidemo-1", "DataSourceRole", RoleStatus.Different),
            ("renamed", null, "AuthRoleName", RoleStatus.NotFound));
        audit.Roles[2].ActualBoundary.Should().Be("arn:aws:iam::123456789012:policy/Other");
        audit.Notes.Should().ContainSingle().Which.Should().Contain("AWS::IAM::Role Broken in stack root-apidemo-1 has no physical id (CREATE_FAILED)");
        aws.Requests.Where(r => r["Action"] == "ListStackResources").Select(r => (r["StackName"], r.GetValueOrDefault("NextToken"))).Should().BeEquivalentTo(
            [("root", (string?)null), ("root", "2"), (StackArn("root-apidemo-1"), null)]);
        calls.Requests["iam:GetRole"].Should().Be(4, "fewer than ten roles are read one by one");
    }

    [Test]
    public async Task The_bulk_read_follows_Marker_and_stops_once_every_role_of_the_env_was_seen()
    {
        var aws = new FakeAws();
        aws.Stacks["root"] = Enumerable.Range(0, 12).Select(i => ($"R{i}", (string?)$"env-{i}", StackResourceSummary.RoleType)).ToList();
        aws.Roles.AddRange(Enumerable.Range(0, 12).Select(i => ($"env-{i}", "/", (string?)Boundary)));
        aws.Roles.AddRange(Enumerable.Range(0, 3000).Select(i => ($"later-{i}", "/", (string?)null)));
        var (auditor, calls, _) = Auditor(aws);

        var audit = await auditor.AuditAsync(Target("root"));

        audit.Roles.Should().OnlyContain(r => r.Status == RoleStatus.Ok);
        calls.Requests["iam:GetAccountAuthorizationDetails"].Should().Be(1, "the first page held every role of the env");
        aws.Requests.Single(r => r["Action"] == "GetAccountAuthorizationDetails")["MaxItems"].Should().Be("1000");
    }

    [Test]
    public async Task Roles_missing_from_the_bulk_answer_are_read_with_GetRole()
    {
        var aws = new FakeAws();
        aws.Stacks["root"] = Enumerable.Range(0, 12).Select(i => ($"R{i}", (string?)$"env-{i}", StackResourceSummary.RoleType)).ToList();
        aws.Roles.AddRange(Enumerable.Range(0, 11).Select(i => ($"env-{i}", "/", (string?)Boundary)));
        var (auditor, calls, _) = Auditor(aws);

        var audit = await auditor.AuditAsync(Target("root"));

        audit.Roles.Single(r => r.Status == RoleStatus.NotFound).Role.RoleName.Should().Be("env-11");
        calls.Requests["iam:GetRole"].Should().Be(1);
    }

    [Test]
    public async Task Throttling_is_retried_with_backoff_counted_and_the_audit_completes()
    {
        var aws = Account(nested: 2, rolesPerStack: 10, otherRoles: 1500, boundaryOf: _ => Boundary);
        aws.ThrottleFirst["GetAccountAuthorizationDetails"] = 2;
        aws.ThrottleFirst["ListStackResources"] = 1;
        var (auditor, calls, delays) = Auditor(aws);

        var audit = await auditor.AuditAsync(Target());

        audit.Roles.Should().HaveCount(20).And.OnlyContain(r => r.Status == RoleStatus.Ok);
        calls.Throttled.Should().Be(3);
        calls.Requests["cloudformation:ListStackResources"].Should().Be(3 + 1);
        calls.Requests["iam:GetAccountAuthorizationDetails"].Should().Be(aws.Count("GetAccountAuthorizationDetails"));
        delays.Should().HaveCount(3);
        delays.Max().Should().Be(TimeSpan.FromMilliseconds(400), "the second retry of the same call waits up to twice as long");
    }

    [Test]
    public async Task Calls_run_at_most_eight_at_a_time_and_fix_touches_only_the_roles_that_fall_short()
    {
        var aws = new FakeAws { Latency = TimeSpan.FromMilliseconds(5) };
        aws.Stacks["root"] = Enumerable.Range(0, 40).Select(i => ($"S{i}", (string?)StackArn($"nested-{i}"), StackResourceSummary.StackType)).ToList();
        for (var i = 0; i < 40; i++)
            aws.Stacks[StackArn($"nested-{i}")] = [("Role", $"role-{i}", StackResourceSummary.RoleType)];
        aws.Roles.AddRange(Enumerable.Range(0, 40).Select(i => ($"role-{i}", i == 0 ? "/aws-service-role/x.amazonaws.com/" : "/", i % 2 == 0 ? null : (string?)Boundary)));
        var (auditor, calls, _) = Auditor(aws, bulkThreshold: 1000); // GetRole for each: many calls at once

        var audit = await auditor.AuditAsync(Target("root"));
        var fixedAudit = await auditor.FixAsync(audit, e => e.Message);

        aws.MaxInFlight.Should().BeInRange(2, 8);
        audit.Count(RoleStatus.ServiceLinked).Should().Be(1);
        audit.Count(RoleStatus.Missing).Should().Be(19);
        fixedAudit.FixedCount.Should().Be(19);
        fixedAudit.OpenFindings.Should().Be(0);
        aws.Requests.Where(r => r["Action"] == "PutRolePermissionsBoundary").Should().HaveCount(19)
            .And.NotContain(r => r["RoleName"] == "role-0", "a service-linked role is never changed")
            .And.OnlyContain(r => r["PermissionsBoundary"] == Boundary);
        calls.Requests["iam:PutRolePermissionsBoundary"].Should().Be(19);
    }

    [TestCase("amplify-p-dev-1", "amplify-p-dev-1")]
    [TestCase("arn:aws:cloudformation:us-east-1:123456789012:stack/amplify-p-dev-1-apidemo-1AB/0f1e2d3c-aaaa", "amplify-p-dev-1-apidemo-1AB")]
    [TestCase("arn:aws-cn:cloudformation:cn-north-1:123456789012:stack/s/guid", "s")]
    public void Stack_names_come_from_stack_ARNs(string id, string name) => RoleAuditor.StackNameOf(id).Should().Be(name);

    [Test]
    public void The_terminal_progress_redraws_one_line_at_most_ten_times_a_second_and_clears_it()
    {
        var now = 0L;
        var error = new StringWriter();
        var progress = new TerminalProgress(error, () => now);

        progress.Stage("dev", "listing stacks");
        progress.StacksListed("dev", 1, 3); // within 100 ms: not drawn
        now += System.Diagnostics.Stopwatch.Frequency; // a second later
        progress.BoundariesRead("dev", 12, 500);
        progress.Finish();

        const string last = "audit dev: reading boundaries | 12/500";
        error.ToString().Should().Be("\raudit dev: listing stacks" + "\r" + last + "\r" + new string(' ', last.Length) + "\r");
    }

    [Test]
    public void The_terminal_progress_shows_a_hostile_env_name_escaped_on_its_one_line()
    {
        var error = new StringWriter();
        var progress = new TerminalProgress(error, () => 0L);

        progress.Stage("x\u001b[2K\rOK.\nerror: FAKE\u202e", "listing stacks");

        error.ToString().Should().Be("\raudit x\\u001B[2K\\u000DOK.\\u000Aerror: FAKE\\u202E: listing stacks");
    }
}
