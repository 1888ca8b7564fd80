using System.Text;

namespace Boundary.Tests.Host;

/// <summary>
/// Flow a: 'dotnet boundary set' on a project the host initialised without a boundary, then the host's own
/// 'amplify push' (no hooks installed): the host reads the value we wrote, in files with CRLF endings or a
/// BOM too, and every role created afterwards carries it in moto.
/// </summary>
[Category("Host")]
[TestFixture]
public class SetThenPushTests
{
    private HostLab lab = null!;
    private string arn = null!;

    [OneTimeSetUp]
    public void StartLab()
    {
        lab = HostLab.Start();
        arn = lab.CreatePolicy("boundary-set");
    }

    [OneTimeTearDown]
    public void StopLab() => lab?.Dispose();

    [TestCase(false, false, TestName = "Set_on_a_host_initialised_project_is_honoured_by_the_hosts_push")]
    [TestCase(true, false, TestName = "Set_on_CRLF_files_is_honoured_by_the_hosts_push")]
    [TestCase(false, true, TestName = "Set_on_files_with_a_BOM_is_honoured_by_the_hosts_push")]
    public void Set_is_honoured_by_the_hosts_push(bool crlf, bool bom)
    {
        var project = lab.NewProject();
        var init = project.Init();
        init.ExitCode.Should().Be(0, init.ToString());
        project.ProviderHas("dev", "PermissionsBoundaryPolicyArn").Should().BeFalse("init ran without --permissions-boundary");
        var resource = HostProject.NewResourceName();
        project.AddCustom(resource);
        project.Reencode(project.TeamProviderInfoPath, crlf, bom);
        project.Reencode(project.AmplifyMetaPath, crlf, bom);

        var set = project.Tool("set", arn);

        set.ExitCode.Should().Be(0, set.ToString());
        foreach (var file in new[] { project.TeamProviderInfoPath, project.AmplifyMetaPath })
        {
            var bytes = File.ReadAllBytes(file);
            var text = Encoding.UTF8.GetString(bytes);
            bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()).Should().Be(bom, $"{file} keeps its BOM (or lack of one)");
            text.Replace("\r\n", "", StringComparison.Ordinal).Contains('\n').Should().Be(!crlf, $"{file} keeps its line endings");
            text.Should().Contain($"\"PermissionsBoundaryPolicyArn\": \"{arn}\"");
        }
        project.Provider("dev", "PermissionsBoundaryPolicyArn").Should().Be(arn);
        project.MetaProvider("PermissionsBoundaryPolicyArn").Should().Be(arn);
        project.Tool("get").StdOut.Trim().Should().Be(arn);

        var push = project.Push();

        push.ExitCode.Should().Be(0, push.ToString());
        lab.RoleBoundary(HostProject.CustomRoleName(resource)).Should().Be(arn, "the host injected the boundary it read from the files 'set' wrote");
        project.Tool("get").StdOut.Trim().Should().Be(arn, "the host kept our value when it rewrote its files");
    }
}
