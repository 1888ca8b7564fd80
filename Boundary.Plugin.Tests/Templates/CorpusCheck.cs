using System.Text;
using Boundary.Editing;
using Boundary.Templates;

namespace Boundary.Tests.Templates;

/// <summary>
/// Runs the injection over real Amplify projects when a corpus folder is given (BOUNDARY_CORPUS, read
/// only): every file that mentions AWS::IAM::Role must load, get the boundary on each role that had
/// none, still parse with a standard reader, and come back byte for byte when the boundaries are removed.
/// </summary>
[Explicit("needs a corpus of real projects: BOUNDARY_CORPUS=/path/to/projects")]
public class CorpusCheck
{
    private const string Arn = "arn:aws:iam::123456789012:policy/amplify/Boundary";

    [Test]
    public void Every_role_in_the_corpus_gets_the_boundary()
    {
        var corpus = Environment.GetEnvironmentVariable("BOUNDARY_CORPUS");
        if (string.IsNullOrEmpty(corpus) || !Directory.Exists(corpus))
            Assert.Ignore("BOUNDARY_CORPUS is not set");
        var extensions = new[] { ".json", ".yml", ".yaml", ".template" };
        var files = Directory.EnumerateFiles(corpus!, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase) && !f.Contains("/node_modules/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var problems = new List<string>();
        int withRole = 0, json = 0, yaml = 0, injected = 0, kept = 0, skipped = 0, notTemplates = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            if (bytes.AsSpan().IndexOf("AWS::IAM::Role"u8) < 0)
                continue;
            withRole++;
            var name = Path.GetRelativePath(corpus!, file);
            try
            {
                var template = CloudFormationTemplate.Load(new SourceText(name, bytes));
                if (template is null)
                {
                    notTemplates++;
                    TestContext.Out.WriteLine($"not a template: {name}");
                    continue;
                }
                if (template.Format == TemplateFormat.Json) json++; else yaml++;
                var plan = BoundaryInjector.Plan(template, Arn, new InjectionOptions());
                injected += plan.Outcomes.Count(o => o.Action == PrincipalAction.Injected);
                kept += plan.Outcomes.Count(o => o.Action == PrincipalAction.Kept);
                skipped += plan.Outcomes.Count(o => o.Action == PrincipalAction.Skipped);
                if (!template.Principals.Any(p => p.IsRole))
                    problems.Add($"{name}: mentions AWS::IAM::Role but no role found");
                var output = plan.Apply();
                var reloaded = CloudFormationTemplate.Load(new SourceText(name, output))!;
                foreach (var role in reloaded.Principals.Where(p => p.IsRole && p.Boundary == BoundaryKind.None))
                    problems.Add($"{name}: {role.LogicalId} has no boundary after injection");
                var ids = plan.Outcomes.Where(o => o.Action == PrincipalAction.Injected).Select(o => o.Resource.LogicalId).ToHashSet();
                foreach (var id in ids)
                    if (GoldenTemplateTests.ParsedBoundary(template.Format, output, id) != Arn)
                        problems.Add($"{name}: {id}: a standard reader does not see the boundary");
                if (!TextEdit.Apply(output, TextEdit.Inverse(bytes, plan.Edits)).AsSpan().SequenceEqual(bytes))
                    problems.Add($"{name}: the inverse edits do not give back the input");
                var removals = reloaded.Principals.Where(p => ids.Contains(p.LogicalId)).Select(reloaded.RemoveBoundary).ToList();
                if (!TextEdit.Apply(output, removals).AsSpan().SequenceEqual(bytes))
                    problems.Add($"{name}: removing the boundaries does not give back the input");
            }
            catch (Exception e)
            {
                problems.Add($"{name}: {e.GetType().Name}: {e.Message}");
            }
        }
        TestContext.Out.WriteLine($"{files.Count} candidate files, {withRole} mention AWS::IAM::Role: {json} JSON and {yaml} YAML templates, {notTemplates} not templates; roles injected {injected}, kept {kept}, skipped {skipped}");
        foreach (var problem in problems)
            TestContext.Out.WriteLine(problem);
        problems.Should().BeEmpty();
    }
}
