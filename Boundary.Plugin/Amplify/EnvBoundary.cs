
namespace Boundary.Amplify;

/// <summary>One env's boundary as <c>list</c> reports it.</summary>
public sealed record EnvBoundary(string Env, string? Boundary, bool IsCurrent, string? MetaBoundary, bool Drift);
