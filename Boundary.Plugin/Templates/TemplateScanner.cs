using Boundary.Core;
using Boundary.Text;

namespace Boundary.Templates;

/// <summary>
/// Reads candidate files in parallel (one worker per core: more would only hold more files in memory
/// at once; a few small files on the calling thread alone, see <see cref="Files.FileWorkers"/>; in the
/// order of <see cref="ScanSchedule"/>) and
/// parses only those that can hold an IAM principal. Every candidate must be UTF-8 text (a template
/// saved as UTF-16 would otherwise pass unseen). The byte prefilter that comes next is exact,
/// not a heuristic: see <see cref="CannotHoldPrincipal"/>. Each template is turned into a caller's
/// compact result right away, so no file's bytes outlive its turn.
/// </summary>
public static class TemplateScanner
{
    // The principals' types, and what makes resources only CloudFormation sees (a Fn::ForEach loop can
    // build a type from pieces, a transform or an include bring resources in, a module expands into
    // resources): each is refused when read.
    private static readonly byte[][] Markers = ["AWS::IAM::"u8.ToArray(), "AWS::Serverless::"u8.ToArray(), "Fn::ForEach"u8.ToArray(), "Transform"u8.ToArray(), "::MODULE"u8.ToArray()];

    /// <param name="select">Called for each template with a principal; a <see cref="BoundaryException"/> it throws is that file's error.</param>
    /// <param name="deployment">The pseudo parameters the deployment gives (<see cref="CloudFormationTemplate.Load"/>).</param>
    public static ScanResult<T> Scan<T>(IReadOnlyList<string> files, Func<CloudFormationTemplate, T> select, PseudoParameters? deployment = null)
    {
        var results = new T?[files.Count];
        var found = new bool[files.Count];
        var errors = new TemplateError?[files.Count];
        var schedule = ScanSchedule.For(files);
        var options = Files.FileWorkers.ForReading(files.Count, schedule.TotalBytes, Environment.ProcessorCount);
        schedule.Run(options, index =>
        {
            var path = files[index];
            try
            {
                // The bytes live in a reused buffer until the caller's result is made: nothing may keep them.
                using var source = SourceText.ReadPooled(path);
                EnsureUtf8Text(source);
                if (CannotHoldPrincipal(source.Content))
                    return;
                if (CloudFormationTemplate.Load(source, deployment) is not { Principals.Count: > 0 } template)
                    return;
                results[index] = select(template);
                found[index] = true;
            }
            catch (BoundaryException e)
            {
                errors[index] = new TemplateError(path, e.Message);
            }
            YoungGeneration.Tick();
        });
        return new ScanResult<T>(
            files.Count,
            Enumerable.Range(0, files.Count).Where(i => found[i]).Select(i => results[i]!).ToList(),
            errors.Where(e => e is not null).Select(e => e!).ToList());
    }

    /// <summary>
    /// True only when no JSON or YAML reading of these bytes can produce a Type of
    /// <c>AWS::IAM::*</c>, <c>AWS::Serverless::*</c> or <c>*::MODULE</c>, a <c>Fn::ForEach</c> loop or a
    /// transform (the last three refused once read: what they make only CloudFormation sees). A string value is the bytes written, except for
    /// escapes and line folding: a JSON string changes only through <c>\uXXXX</c> (the other escapes
    /// give <c>" \ / \b \f \n \r \t</c>, none of which is in a type name); a YAML double-quoted scalar
    /// through <c>\x</c>, <c>\u</c>, <c>\U</c> and an escaped line break (other escapes again give
    /// characters no type name has); a line folded in any YAML scalar (plain, quoted, block) leaves a
    /// space or a line break in the value, which no type name has either; a single-quoted scalar's only
    /// escape gives <c>'</c>. So without the markers and without those four escape openers, no value can
    /// spell a principal's type or those keys. Text must be UTF-8 (checked before), so no other encoding hides it.
    /// </summary>
    public static bool CannotHoldPrincipal(ReadOnlySpan<byte> content)
    {
        foreach (var marker in Markers)
            if (content.IndexOf(marker) >= 0)
                return false;
        var rest = content;
        while (true)
        {
            var backslash = rest.IndexOf((byte)'\\');
            if (backslash < 0 || backslash == rest.Length - 1)
                return true;
            if (rest[backslash + 1] is (byte)'u' or (byte)'U' or (byte)'x' or (byte)'\n' or (byte)'\r')
                return false;
            rest = rest[(backslash + 1)..];
        }
    }

    /// <summary>
    /// A candidate that is not UTF-8 text (UTF-16 or UTF-32, with or without a byte order mark, or stray
    /// bytes) is an error naming it: skipping it would let a role in it pass unseen.
    /// </summary>
    public static void EnsureUtf8Text(SourceText source)
    {
        var bytes = source.Bytes;
        var encoding = bytes switch
        {
            [0xFF, 0xFE, 0x00, 0x00, ..] => "UTF-32 LE",
            [0x00, 0x00, 0xFE, 0xFF, ..] => "UTF-32 BE",
            [0xFF, 0xFE, ..] => "UTF-16 LE",
            [0xFE, 0xFF, ..] => "UTF-16 BE",
            _ => null,
        };
        if (encoding is not null)
            throw BoundaryException.File($"{source.Path}: the file is {encoding} (it starts with that byte order mark), not UTF-8; templates must be UTF-8. Save it as UTF-8 and run again.");
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
            throw BoundaryException.File($"{source.Describe(nul)}: the file holds a NUL byte, so it is not UTF-8 text (UTF-16 or UTF-32 without a byte order mark, or a binary file); templates must be UTF-8. Save it as UTF-8 (or move it out of the backend folder) and run again.");
        source.EnsureUtf8();
    }
}
