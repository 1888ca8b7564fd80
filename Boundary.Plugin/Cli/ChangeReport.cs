using Boundary.Amplify;

namespace Boundary.Cli;

/// <summary>How set, remove, init and the env commands report a <see cref="BoundaryChange"/>.</summary>
public static class ChangeReport
{
    public const string NextPushHint = "The boundary is applied on the next push ('amplify push', or 'amplify push --force' when nothing else changed).";

    public static void Write(IOutput output, bool json, BoundaryChange change, string? message = null)
    {
        foreach (var warning in change.Warnings)
            output.Warn(warning);
        if (json)
        {
            output.Json(new ChangeDocument(true, change.Env, change.Previous, change.Current, change.Changed, change.FilesWritten, message, change.Warnings));
            return;
        }
        if (message is not null)
            output.Line(message);
        if (!change.Changed)
        {
            output.Line(change.Current is null
                ? $"Env '{change.Env}' has no permissions boundary; nothing to change."
                : $"Env '{change.Env}' already has permissions boundary {change.Current}; nothing to change.");
            return;
        }
        output.Line(change.Current is null
            ? $"Removed the permissions boundary of env '{change.Env}' (was {change.Previous})."
            : $"Env '{change.Env}' now has permissions boundary {change.Current}" + (change.Previous is null ? "." : $" (was {change.Previous})."));
        foreach (var file in change.FilesWritten)
            output.Line($"  wrote {file}");
        output.Line(NextPushHint);
    }
}
