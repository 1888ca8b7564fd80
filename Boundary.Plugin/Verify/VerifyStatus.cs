
namespace Boundary.Verify;

/// <summary>What verify makes of one role (or user) in a template.</summary>
public enum VerifyStatus
{
    /// <summary>Carries exactly the expected ARN.</summary>
    Bounded,

    /// <summary>An intrinsic function (Fn::If, Ref, Fn::Sub, ...): set by a person, cannot be evaluated, kept.</summary>
    Kept,

    /// <summary>A literal ARN other than the expected one, in the same account (or an AWS-managed policy): kept, a warning.</summary>
    Differs,

    /// <summary>A literal ARN of another account than the expected one: IAM refuses a boundary from another account.</summary>
    OtherAccount,

    /// <summary>A literal that is not a valid managed policy ARN.</summary>
    Invalid,

    /// <summary>A literal equal to another env's boundary of the same project: generated while that env was current.</summary>
    Stale,

    /// <summary>No PermissionsBoundary at all.</summary>
    Missing,
}
