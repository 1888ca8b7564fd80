
namespace Boundary.Verify;

public sealed record VerifyOptions(bool Strict = false, bool IncludeUsers = false);
