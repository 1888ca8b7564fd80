
namespace Boundary.Templates;

public sealed record InjectionOptions(bool IncludeUsers = false);
