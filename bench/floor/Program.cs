using System.Diagnostics;
using System.Text.Json;
using Boundary.Text;
using YamlDotNet.Core;

// The floor for pre-push: read every template of a project once (as the tool reads it, into reused
// buffers), tokenize it completely with the parsers the tool builds on (System.Text.Json's Utf8JsonReader with the options of
// JsonSpanParser; YamlDotNet's event parser over the text decoded as it reads, as YamlSpanParser runs it), and write
// each to a copy, on all cores, in the tool's order. No node is built and nothing is edited: the tool cannot do less work.
// Usage: boundary-floor PROJECT_DIR COPY_DIR   Prints one JSON line: files, bytes, tokens, seconds.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: boundary-floor PROJECT_DIR COPY_DIR");
    return 2;
}
var backend = Path.Combine(Path.GetFullPath(args[0]), "amplify", "backend");
var copy = Path.GetFullPath(args[1]);
var clock = Stopwatch.StartNew();
var templates = Directory.EnumerateFiles(backend, "*template*", SearchOption.AllDirectories)
    .Where(path => path.EndsWith(".json", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal))
    .Select(path => (Path: path, Size: new FileInfo(path).Length))
    .ToList();
// In the tool's order: largest first, one YAML file at a time while other files remain (ScanSchedule).
var schedule = Boundary.Templates.ScanSchedule.For(templates.Select(file => file.Size).ToList(), i => Boundary.Templates.ScanSchedule.IsNamedYaml(templates[i].Path), templates.Sum(file => file.Size));
long bytes = 0, tokens = 0;
var jsonOptions = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 1024 };
schedule.Run(new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, index =>
{
    var file = templates[index];
    using var source = SourceText.ReadPooled(file.Path);
    long count = 0;
    if (file.Path.EndsWith(".json", StringComparison.Ordinal))
    {
        source.EnsureUtf8();
        var reader = new Utf8JsonReader(source.Content, jsonOptions);
        while (reader.Read())
            count++;
    }
    else
    {
        source.EnsureUtf8();
        var text = new StreamReader(source.OpenContent(), new System.Text.UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 14);
        var parser = new Parser(text);
        while (parser.MoveNext())
            count++;
    }
    var target = Path.Combine(copy, Path.GetRelativePath(backend, file.Path));
    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
    File.WriteAllBytes(target, source.Bytes);
    Interlocked.Add(ref bytes, source.Length);
    Interlocked.Add(ref tokens, count);
});
Console.WriteLine($"{{\"files\":{templates.Count},\"bytes\":{bytes},\"tokens\":{tokens},\"seconds\":{clock.Elapsed.TotalSeconds:F4}}}");
// The collector's work as the tool reports its own (BOUNDARY_GC_STATS=1), for the benchmark to set side by side.
if (Boundary.Core.CollectorStats.IsRequested(Environment.GetEnvironmentVariable))
    Console.Error.WriteLine(Boundary.Core.CollectorStats.Line());
return 0;
