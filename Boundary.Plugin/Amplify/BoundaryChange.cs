
namespace Boundary.Amplify;

/// <summary>What a change to an env's boundary did.</summary>
public sealed record BoundaryChange(
    string Env,
    string? Previous,
    string? Current,
    IReadOnlyList<string> FilesWritten,
    IReadOnlyList<string> Warnings)
{
    public bool Changed => FilesWritten.Count > 0;
}
