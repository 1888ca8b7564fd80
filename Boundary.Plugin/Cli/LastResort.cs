using System.Reflection;
using Amazon.Runtime;
using Boundary.Core;

namespace Boundary.Cli;

/// <summary>
/// What ends a run that failed in a way no command foresaw: one line on stderr, never a stack trace.
/// A <see cref="BoundaryException"/> that got this far (wrapped by reflection or a parallel loop) keeps
/// its message and exit code; an AWS SDK failure is an AWS error (exit 4); anything else is a bug,
/// reported as such with exit 70.
/// </summary>
public static class LastResort
{
    public static int Handle(TextWriter error, Exception exception)
    {
        var inner = Unwrap(exception);
        if (inner is BoundaryException known)
        {
            TryWrite(error, $"error: {known.Message}");
            return known.ExitCode;
        }
        if (inner is AmazonClientException or AmazonServiceException)
        {
            TryWrite(error, $"error: AWS: {OneLine(inner.Message)}. Check the profile's credentials (for SSO: 'aws sso login --profile <name>') or use another --profile.");
            return ExitCodes.Aws;
        }
        Report(error, inner);
        return ExitCodes.Internal;
    }

    /// <summary>
    /// The exit code of a run whose stdout or stderr lost what it printed (<paramref name="reason"/>: the
    /// file-size limit, a full disk): a success or findings becomes a file error (exit 3), since what it
    /// printed is incomplete; a failure keeps its code.
    /// </summary>
    public static int OutputLost(TextWriter error, int exitCode, string reason)
    {
        if (exitCode is not (ExitCodes.Success or ExitCodes.Findings))
            return exitCode;
        TryWrite(error, $"error: the output could not all be written ({OneLine(reason)}), so what was printed is incomplete. Send it somewhere it can be written (raise the file-size limit, free space on a full disk) and run again.");
        return ExitCodes.ProjectOrFile;
    }

    public static void Report(TextWriter error, Exception? exception) =>
        TryWrite(error, $"error: internal error ({exception?.GetType().Name ?? "unknown"}: {OneLine(exception?.Message ?? "")}). This is a bug in dotnet boundary: please report this, with the command you ran, by opening an issue on its repository.");

    /// <summary>The exception that matters: reflection and single-exception aggregates peeled off; an aggregate of our own errors becomes its first.</summary>
    public static Exception Unwrap(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    exception = inner;
                    continue;
                case AggregateException aggregate:
                    var all = aggregate.Flatten().InnerExceptions;
                    if (all.Count == 0)
                        return exception;
                    if (all.Count == 1 || all.All(e => e is BoundaryException))
                    {
                        exception = all[0];
                        continue;
                    }
                    return all.FirstOrDefault(e => e is not BoundaryException) ?? all[0];
                default:
                    return exception;
            }
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim().TrimEnd('.');

    private static void TryWrite(TextWriter error, string line)
    {
        try
        {
            error.WriteLine(TerminalText.Message(line));
            error.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException || Files.OutputFileStream.IsFileTooLarge(e))
        {
            // Nowhere to say it: the exit code still does.
        }
    }
}
