using Boundary.Templates;

namespace Boundary.Push;

/// <summary>What happened to one IAM principal of a template.</summary>
public sealed record PrincipalReport(string LogicalId, string Type, int Line, int Column, PrincipalAction Action, string? Note = null);
