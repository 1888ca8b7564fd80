namespace Boundary.Templates;

/// <summary>
/// The boundary of a SAM <c>ScheduleV2</c> event without a <c>RoleArn</c>: SAM makes a role for the event
/// (to invoke the function) and gives it this event's own <c>PermissionsBoundary</c>, not the function's.
/// </summary>
/// <param name="EventName">The event's key under the function's <c>Events</c>.</param>
public sealed record EventBoundary(string EventName, BoundaryKind Kind, string? Value, int Line, int Column)
{
    /// <summary>For an intrinsic boundary, the strings it may give under some conditions (see <see cref="ConstantIntrinsic.Read"/>).</summary>
    public IReadOnlyList<string>? Choices { get; init; }
}
