using Boundary.Editing;
using Boundary.Templates;
using Boundary.Tests.Support;

namespace Boundary.Tests.Corpus;

/// <summary>Stands in for 'hook pre-push'/'hook post-push' until the hooks branch lands in main.</summary>
internal static class FallbackHooks
{
    private static readonly Dictionary<string, Dictionary<string, byte[]>> Originals = new(StringComparer.Ordinal);

    public static bool Handles(string[] args) =>
        args is ["hook", "pre-push" or "post-push", ..] && typeof(Boundary.Program).Assembly.GetType("Boundary.Cli.HookPrePushCommand") is null;

    public static CliResult Run(string root, string[] args)
    {
        if (args[1] == "post-push")
        {
            foreach (var (path, bytes) in Originals[root])
                File.WriteAllBytes(path, bytes);
            return new CliResult(0, "", "");
        }
        var saved = Originals[root] = new(StringComparer.Ordinal);
        var scan = TemplateScanner.Scan(TemplateFinder.Find([Path.Combine(root, "amplify", "backend")]));
        if (scan.Errors.Count > 0)
            return new CliResult(1, "", string.Join("\n", scan.Errors.Select(e => e.Message)));
        foreach (var template in scan.Templates)
        {
            var plan = BoundaryInjector.Plan(template, CorpusProjectRun.Arn, new InjectionOptions());
            if (!plan.Changes)
                continue;
            saved[template.Path] = template.Source.Bytes;
            File.WriteAllBytes(template.Path, plan.Apply());
        }
        return new CliResult(0, "", "");
    }
}
