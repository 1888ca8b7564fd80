using System.Collections.Concurrent;
using Boundary.Editing;

namespace Boundary.Templates;

/// <summary>A file that could not be read as a template: the message names file:line:column.</summary>
public sealed record TemplateError(string Path, string Message);

/// <summary>What scanning a set of files found.</summary>
public sealed record ScanResult(int FilesScanned, IReadOnlyList<CloudFormationTemplate> Templates, IReadOnlyList<TemplateError> Errors);

/// <summary>
/// Reads candidate files in parallel and parses only those that can hold an IAM principal: a cheap
/// byte search for "AWS::IAM::" comes first, since most JSON under a backend (parameters, resolvers,
/// build output) holds none.
/// </summary>
public static class TemplateScanner
{
    private static readonly byte[] Marker = "AWS::IAM::"u8.ToArray();

    public static ScanResult Scan(IReadOnlyList<string> files, int maxParallelism = 0)
    {
        var templates = new ConcurrentBag<(int Index, CloudFormationTemplate Template)>();
        var errors = new ConcurrentBag<(int Index, TemplateError Error)>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount };
        Parallel.For(0, files.Count, options, index =>
        {
            var path = files[index];
            try
            {
                var source = SourceText.Read(path);
                if (source.Bytes.AsSpan().IndexOf(Marker) < 0)
                    return;
                var template = CloudFormationTemplate.Load(source);
                if (template is not null && template.Principals.Count > 0)
                    templates.Add((index, template));
            }
            catch (BoundaryException e)
            {
                errors.Add((index, new TemplateError(path, e.Message)));
            }
        });
        return new ScanResult(
            files.Count,
            templates.OrderBy(t => t.Index).Select(t => t.Template).ToList(),
            errors.OrderBy(e => e.Index).Select(e => e.Error).ToList());
    }
}
