
namespace Boundary.Templates;

/// <summary>What scanning a set of files found: one result per template holding an IAM principal, in file order.</summary>
public sealed record ScanResult<T>(int FilesScanned, IReadOnlyList<T> Results, IReadOnlyList<TemplateError> Errors);
