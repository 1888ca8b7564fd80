using Boundary.Core;
using Boundary.Text;

namespace Boundary.Templates;

/// <summary>
/// Reads candidate files in parallel (one worker per core: more would only hold more files in memory
/// at once) and parses only those that can hold an IAM principal: a cheap byte search for "AWS::IAM::"
/// comes first, since most JSON under a backend (parameters, resolvers, build output) holds none. Each
/// template is turned into a caller's compact result right away, so no file's bytes outlive its turn.
/// </summary>
public static class TemplateScanner
{
    private static readonly byte[] Marker = "AWS::IAM::"u8.ToArray();

    /// <param name="select">Called for each template with a principal; a <see cref="BoundaryException"/> it throws is that file's error.</param>
    public static ScanResult<T> Scan<T>(IReadOnlyList<string> files, Func<CloudFormationTemplate, T> select)
    {
        var results = new T?[files.Count];
        var found = new bool[files.Count];
        var errors = new TemplateError?[files.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, files.Count, options, index =>
        {
            var path = files[index];
            try
            {
                var source = SourceText.Read(path);
                if (source.Bytes.AsSpan().IndexOf(Marker) < 0)
                    return;
                if (CloudFormationTemplate.Load(source) is not { Principals.Count: > 0 } template)
                    return;
                results[index] = select(template);
                found[index] = true;
            }
            catch (BoundaryException e)
            {
                errors[index] = new TemplateError(path, e.Message);
            }
        });
        return new ScanResult<T>(
            files.Count,
            Enumerable.Range(0, files.Count).Where(i => found[i]).Select(i => results[i]!).ToList(),
            errors.Where(e => e is not null).Select(e => e!).ToList());
    }
}
