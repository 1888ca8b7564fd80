using Boundary.Core;

namespace Boundary.Push;

/// <summary>A write failed and so did putting back what was written: the journal must stay for <c>restore</c>.</summary>
public sealed class RollbackFailedException(string message, Exception inner)
    : BoundaryException(ExitCodes.ProjectOrFile, message, inner);
