using Boundary.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Boundary.Tests.Support;

/// <summary>The outcome of one run of the real command entry point.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}

/// <summary>Runs <see cref="Program.Run"/> in-process (named CliRunner: a class "Cli" would clash with the Boundary.Cli namespace) with a test console and a chosen context.</summary>
public static class CliRunner
{
    public static CliResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, "", null, args);

    public static CliResult Run(string workingDirectory, string stdin, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        Run(workingDirectory, stdin, environment, stdinIsTerminal: false, configure: null, args);

    /// <summary>
    /// Runs with a chosen answer to "is stdin a terminal" (true: prompts read <paramref name="stdin"/>)
    /// and services replaced by <paramref name="configure"/> (a scripted prompter, a fake AWS factory).
    /// </summary>
    public static CliResult Run(string workingDirectory, string stdin, IReadOnlyDictionary<string, string?>? environment,
        bool stdinIsTerminal, Action<IServiceCollection>? configure, params string[] args)
    {
        var console = new TestConsole(stdin);
        var context = new RunContext
        {
            WorkingDirectory = workingDirectory,
            GetEnvironmentVariable = name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
            StdinIsTerminal = stdinIsTerminal,
        };
        var code = Program.Run(args, console, context, configure);
        return new CliResult(code, console.StdOut, console.StdErr);
    }
}
