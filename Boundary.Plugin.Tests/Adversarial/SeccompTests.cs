using System.Diagnostics;
using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// A container's seccomp profile can refuse a system call the tool asks only for advice: whether a folder
/// takes new files (<c>faccessat2</c>, which glibc uses for <c>faccessat(AT_EACCESS)</c>; older Docker
/// profiles answer EPERM, kernels before 5.8 ENOSYS). Such a refusal is no answer, so it must not stop a
/// dry run or a <c>--persist</c> run. The tool runs under a small wrapper, compiled here with gcc, that
/// makes the call fail with a chosen error.
/// </summary>
[Category("EndToEnd")]
public class SeccompTests
{
    private const int FAccessAt2 = 439; // the same number on x64 and arm64 (the generic table)
    private string folder = "";
    private string wrapper = "";

    [OneTimeSetUp]
    public void CompileTheWrapper()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("seccomp is Linux's; this run is not on Linux.");
        folder = Directory.CreateTempSubdirectory("boundary-seccomp-").FullName;
        File.WriteAllText(Path.Combine(folder, "fail-syscall.c"), WrapperSource);
        wrapper = Path.Combine(folder, "fail-syscall");
        CliResult compiled;
        try
        {
            compiled = ProcessRunner.Run(new ProcessStartInfo("gcc", ["-O1", "-o", wrapper, Path.Combine(folder, "fail-syscall.c")]), null, TimeSpan.FromMinutes(1));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("gcc is not installed, so the wrapper that makes a system call fail cannot be built.");
            return;
        }
        compiled.ExitCode.Should().Be(0, compiled.ToString());
    }

    [OneTimeTearDown]
    public void RemoveFolder()
    {
        if (folder.Length > 0 && Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    [TestCase(1, "hook pre-push --dry-run")]
    [TestCase(38, "hook pre-push --dry-run")]
    [TestCase(1, "hook pre-push --persist")]
    [TestCase(38, "hook pre-push --persist")]
    public void A_folder_check_the_kernel_will_not_answer_does_not_stop_the_run(int errno, string command)
    {
        using var site = AttackSite.FromFixture();

        var result = PackedTool.Run(site.Project.Root, [errno.ToString(System.Globalization.CultureInfo.InvariantCulture), PackedTool.Path, .. command.Split(' ')],
            Payload(site.Project.Root), AttackSite.QuietEnvironment(), timeout: TimeSpan.FromSeconds(60), executable: wrapper);

        AttackSite.ShouldHaveNoTrace(result);
        result.ExitCode.Should().Be(0, result.ToString());
        result.StdErr.Should().NotContain("not writable");
        if (command.EndsWith("--persist", StringComparison.Ordinal))
            site.Project.Read(FnA).Should().Contain(DevArn);
        else
            result.StdOut.Should().Contain($"+++ b/{FnA}");
    }

    private static readonly string WrapperSource = $$"""
        #include <linux/seccomp.h>
        #include <linux/filter.h>
        #include <sys/prctl.h>
        #include <stddef.h>
        #include <stdlib.h>
        #include <unistd.h>
        #include <stdio.h>
        /* fail-syscall ERRNO PROGRAM ARGS...: runs PROGRAM with system call {{FAccessAt2}} failing with ERRNO. */
        int main(int argc, char **argv) {
            if (argc < 3) return 2;
            struct sock_filter filter[] = {
                BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, {{FAccessAt2}}, 0, 1),
                BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (atoi(argv[1]) & SECCOMP_RET_DATA)),
                BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
            };
            struct sock_fprog program = { .len = 4, .filter = filter };
            if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program)) { perror("seccomp"); return 1; }
            execvp(argv[2], argv + 2);
            perror("exec");
            return 1;
        }
        """;
}
