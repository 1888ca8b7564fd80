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
        var arn = PolicyArn.Parse(request.Arn).ToString();
        var files = TemplateFinder.Find(request.Paths.Select(p => Path.GetFullPath(p, workingDirectory)));
        var plans = TemplateRewrite.ScanAndPlan(
            files,
            fullPath => Path.GetRelativePath(workingDirectory, fullPath).Replace(Path.DirectorySeparatorChar, '/'),
            (template, _) => BoundaryInjector.Plan(template, arn, new InjectionOptions(request.IncludeUsers)),
            request.DryRun);
        var summary = RewriteSummary.Of(files.Count, plans);
        if (!request.DryRun)
            TemplateRewrite.WriteAll(plans.Where(p => p.Changes).ToList());
        return new RewriteResult("inject", null, arn, request.DryRun, null, plans.Select(p => p.Report()).ToList(), summary, null, []);
    }
}
