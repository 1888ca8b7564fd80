using Boundary.Templates;

namespace Boundary.Verify;

/// <summary>One role (or user) as verify judged it. <see cref="Level"/> is null for a role that is fine.</summary>
public sealed record VerifyResult(string File, TemplateResource Resource, VerifyStatus Status, VerifyRule? Rule, string? Level, string Message);
