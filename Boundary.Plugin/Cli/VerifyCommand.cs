using Boundary.Amplify;
using Boundary.Aws;
using Boundary.Core;
using Boundary.Files;
using Boundary.Templates;
using Boundary.Text;
using Boundary.Verify;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("verify", Description = "Check that every AWS::IAM::Role (and SAM AWS::Serverless::Function / StateMachine) in the templates under amplify/backend (or the given paths) carries the env's permissions boundary, for build pipelines; another env's boundary is an error. Exit 1 when one does not; exit 3 for a template that cannot be read or decided (not UTF-8, a merge key bringing in a role, ...).")]
public sealed class VerifyCommand(IConsole console, RunContext context, IAwsClientFactory aws) : ProjectCommandBase(console, context)
{
    [Option("--org", Description = "Also compare the env's boundary with what the organisation's SCPs require for the env's account (a warning; with --strict a finding, exit 1).")]
    public bool Org { get; set; }

    [Option("--org-profile <NAME>", Description = "With --org: the AWS profile to read the organisation with. Default: the env's credentials.")]
    public string? OrgProfile { get; set; }

    [Option(ReportFormats.OptionTemplate, Description = "text (default), json or sarif (SARIF 2.1.0, for GitHub code scanning).")]
    public string? Format { get; set; }

    [Option("--output <FILE>", Description = "Write the report to this file instead of stdout (stdout then gets a one-line summary).")]
    public string? OutputFile { get; set; }

    [Option("--arn <ARN>", Description = "Check against this ARN instead of the env's boundary; with paths, no Amplify project is needed (e.g. CDK output).")]
    public string? Arn { get; set; }

    [Option("--strict", Description = "A literal boundary that differs from the expected ARN (same account) is an error, not a warning.")]
    public bool Strict { get; set; }

    [Option("--include-users", Description = "Check AWS::IAM::User resources too (on by default when amplify/boundary-settings.json says includeUsers).")]
    public bool IncludeUsers { get; set; }

    [Argument(0, "paths", "Template files or folders to check. Default: the project's amplify/backend (without #current-cloud-backend).")]
    public string[]? Paths { get; set; }

    /// <summary>Only --org calls AWS.</summary>
    protected override bool CancelsOnCtrlC => Org;

    protected override async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var format = ReportFormats.Parse(Format, Json);
        // --json promises JSON on stdout; --format json alone only says what the report is.
        var jsonOnStdout = Json;
        Json = format == ReportFormat.Json; // errors as JSON too
        var paths = Paths ?? [];
        if (Arn is not null)
            Arn = PolicyArn.Parse(Arn).ToString(); // a usage error before any file is read
        if (OutputFile is { Length: 0 })
            throw BoundaryException.Usage("--output needs a file name.");
        var reportPath = OutputFile is null ? null : Path.GetFullPath(OutputFile, Context.WorkingDirectory);
        if (reportPath is not null && Path.GetFileName(reportPath).Length == 0)
            throw BoundaryException.Usage($"--output {OutputFile} names a folder; name the report's file.");

        AmplifyProject? project;
        if (Arn is not null && paths.Length > 0 && ProjectDir is null)
        {
            try
            {
                project = LocateProject();
            }
            catch (BoundaryException)
            {
                project = null; // checking arbitrary templates: no project needed
            }
        }
        else
        {
            project = LocateProject();
        }

        string? env = null;
        var expected = Arn;
        if (expected is null)
        {
            var settings = new BoundarySettings(project!);
            env = settings.ResolveEnv(Env);
            expected = settings.Get(env) ?? throw BoundaryException.Usage(
                $"Env '{env}' has no permissions boundary, so there is nothing to verify against. Set one with 'dotnet boundary set <arn> --env {env}', or pass --arn <arn> to verify against a given ARN.");
            PolicyArn.ParseStored(expected, $"env '{env}' of {project!.TeamProviderInfoPath}", $"Fix it with 'dotnet boundary set <arn> --env {env}' and run again.");
        }

        var root = project?.Root ?? Path.GetFullPath(Context.WorkingDirectory);
        var targets = paths.Length > 0
            ? paths.Select(p => Path.GetFullPath(p, Context.WorkingDirectory)).ToList()
            : [project!.BackendDir];
        var findWarnings = new List<string>();
        // The project's backend is confined to the project, as pre-push confines it; a folder given is
        // confined to itself, as inject confines it: no link takes the check out of what was asked.
        var files = TemplateFinder.Find(targets, findWarnings, paths.Length > 0 ? null : project!.Root);
        // On stderr before the report: a FIFO or a link to nothing named like a template is not checked, and must not pass unseen.
        foreach (var warning in findWarnings)
            Output.Warn(warning);
        if (reportPath is not null)
            RefuseReportOverProjectFile(OutputFile!, reportPath, files, project);
        if (Org)
        {
            if (project is null || env is null)
                throw BoundaryException.Usage("--org checks an env's boundary against its account's SCPs: it needs the project's env (drop --arn).");
            await new OrganizationGuard(aws, Output, OrgProfile, Strict)
                .CheckAsync(new AwsConnectOptions { Project = project, Env = env }, env, expected, cancellationToken, ExitCodes.Findings).ConfigureAwait(false);
        }
        var stale = project is not null && File.Exists(project.TeamProviderInfoPath)
            ? OtherEnvBoundaries.Read(project.LoadTeamProviderInfo(), env, expected)
            : null;
        // Users are checked as pre-push bounds them: with the flag, or with the project's includeUsers setting.
        var includeUsers = IncludeUsers || (project is not null && HookSettings.Load(project).IncludeUsers);
        var report = Verifier.Verify(root, files, expected, env, new VerifyOptions(Strict, includeUsers, stale));
        var exitCode = report.Errors.Count > 0 ? ExitCodes.ProjectOrFile : report.ErrorCount > 0 ? ExitCodes.Findings : ExitCodes.Success;

        string Document() => format switch
        {
            // "\uXXXX" in a JSON string is the same character, and a report file is also read on a terminal.
            ReportFormat.Json => TerminalText.Escape(ConsoleOutput.Serialize(VerifyFormats.Json(report, exitCode))),
            ReportFormat.Sarif => TerminalText.Escape(ConsoleOutput.Serialize(VerifyFormats.Sarif(report, Program.Version))),
            _ => string.Join("\n", VerifyFormats.Text(report).Select(TerminalText.Message)),
        };
        if (reportPath is not null)
        {
            var document = Document();
            // A file name was checked above, so the path has a folder.
            var folder = Path.GetDirectoryName(reportPath)!;
            try
            {
                Folders.Create(ProjectPath.RealPath(folder));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw BoundaryException.File($"--output {OutputFile}: its folder cannot be made ({e.Message}). Nothing was written; name another file.", e);
            }
            AtomicFile.Write(folder, reportPath, System.Text.Encoding.UTF8.GetBytes(document + "\n"));
            if (jsonOnStdout)
                Output.Json(new VerifyReportWrittenDocument(exitCode == ExitCodes.Success, exitCode, reportPath, VerifyFormats.Counts(report)));
            else
                Output.Line($"{VerifyFormats.Text(report).Last()} {report.ErrorCount} error(s), {report.WarningCount} warning(s); wrote the {format.Name()} report to {OutputFile}.");
        }
        else if (format == ReportFormat.Text)
        {
            // In blocks, not a write a line: a large project has tens of thousands of findings.
            Output.Text(writer =>
            {
                foreach (var line in VerifyFormats.Text(report))
                {
                    // One finding, one line: what a file error quotes of its input stays under it, indented.
                    writer.Write(TerminalText.Message(line));
                    writer.Write('\n');
                }
            });
        }
        else
        {
            Output.Document(Document());
        }
        if (format != ReportFormat.Text || OutputFile is not null)
            foreach (var error in report.Errors)
                Output.Error(error.Message);
        return exitCode;
    }

    /// <summary>
    /// The report replaces the file --output names: one of the templates checked, or one of the project's
    /// settings and state files, the host's and this tool's (by any path or link to it, and for settings
    /// whether or not the file exists yet), would be lost, and in place of a settings file break every
    /// later command. Nothing of the tool's state folder (its lock, journal and .gitignore) is ever a report.
    /// </summary>
    private static void RefuseReportOverProjectFile(string given, string output, IReadOnlyList<string> files, AmplifyProject? project)
    {
        var report = IdentityOf(output);
        if (report is not null && files.FirstOrDefault(file => IdentityOf(file) == report) is { } template)
            throw BoundaryException.Usage($"--output {given} is {template}, a template this run checks: the report would replace it. Nothing was written; name another file.");
        if (project is null)
            return;
        var realReport = RealPathOf(output);
        string[] settings = [.. project.HostSettingsFiles, HookSettings.PathOf(project), Push.Ownership.PathOf(project)];
        // A settings file is compared by its real path whether or not it exists yet, and by identity when
        // it does (a hard link to it is the same file).
        if (settings.FirstOrDefault(file => RealPathOf(file) is { } real && (real == realReport || (report is not null && FileIdentity.Of(real) == report))) is { } setting)
            throw BoundaryException.Usage($"--output {given} is {setting}, a settings file of the project: the report would replace it. Nothing was written; name another file.");
        // The state folder by path, and its files (lock, journal, .gitignore) also by identity: a hard link
        // elsewhere is the same file.
        var stateDir = RealPathOf(project.StateDir);
        var inStateDir = realReport is not null && stateDir is not null && ProjectPath.IsInside(stateDir, realReport);
        if (inStateDir || (report is not null && Directory.Exists(project.StateDir) && Directory.EnumerateFiles(project.StateDir).Any(file => IdentityOf(file) == report)))
            throw BoundaryException.Usage($"--output {given} is in {project.StateDir}, the folder of this tool's lock and journal: a report there would replace them. Nothing was written; name another file.");
    }

    /// <summary>
    /// The identity of the file a path leads to, its links followed as the kernel follows them (a link's
    /// "dir/.." goes up from where the link to dir leads); null when there is none.
    /// </summary>
    private static string? IdentityOf(string path) => RealPathOf(path) is { } real ? FileIdentity.Of(real) : null;

    /// <summary>The path with its links followed as the kernel follows them; null for a loop of links, or one that cannot be followed: no file to lose there.</summary>
    private static string? RealPathOf(string path)
    {
        try
        {
            return ProjectPath.RealPath(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BoundaryException)
        {
            return null;
        }
    }
}
