using Boundary.Amplify;
using Boundary.Core;
using Boundary.Push;
using Boundary.Templates;

namespace Boundary.Inject;

/// <summary>
/// <c>inject</c>: the host's rule applied to any templates or folders (CDK cdk.out, SAM, plain
/// CloudFormation), no Amplify project needed. A plain, persistent edit: no journal, no ownership;
/// everything is planned first, and a failed write puts back what was written.
/// </summary>
public static class InjectRunner
{
    public static RewriteResult Run(InjectRequest request, string workingDirectory)
    {
        if (request.Paths.Count == 0)
            throw BoundaryException.Usage("inject needs at least one template or folder: dotnet boundary inject <paths...> --arn <arn>.");
        var policy = PolicyArn.Parse(request.Arn);
        var arn = policy.ToString();
        var targets = request.Paths.Select(p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p, workingDirectory))).ToList();
        var warnings = new List<string>();
        // Each file is written only inside the folder it was found in: the folder given, or a file's own folder.
        // One file reached by two paths (a link given beside its target, a folder and a file in it) is
        // planned once, by the first path in sorted order, as within one folder: planned twice, its second
        // write would find it changed by the first.
        var files = targets.SelectMany(t => TemplateFinder.Find([t], warnings, Directory.Exists(t) ? t : Path.GetDirectoryName(t)!))
            .Distinct().Order(StringComparer.Ordinal).DistinctBy(Files.ProjectPath.RealPath).ToList();
        var roots = targets.Select(t => Directory.Exists(t) ? t : Path.GetDirectoryName(t)!).OrderByDescending(r => r.Length).ToList();
        var plans = TemplateRewrite.ScanAndPlan(
            files,
            file => roots.FirstOrDefault(r => file.StartsWith(r + Path.DirectorySeparatorChar, StringComparison.Ordinal)) ?? Path.GetDirectoryName(file)!,
            fullPath => Path.GetRelativePath(workingDirectory, fullPath).Replace(Path.DirectorySeparatorChar, '/'),
            (template, _) => BoundaryInjector.Plan(template, arn, new InjectionOptions(request.IncludeUsers)),
            request.DryRun,
            PseudoParameters.Of(policy.Partition, policy.Account));
        var summary = RewriteSummary.Of(files.Count, plans);
        if (!request.DryRun)
            TemplateRewrite.WriteAll(plans.Where(p => p.Changes).ToList());
        return new RewriteResult("inject", null, arn, request.DryRun, null, TemplateRewrite.Reports(plans), summary, null, warnings);
    }
}
