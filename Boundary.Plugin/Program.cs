using System.Reflection;
using Boundary.Aws;
using Boundary.Cli;
using McMaster.Extensions.CommandLineUtils;
using Microsoft.Extensions.DependencyInjection;

namespace Boundary;

[Command("dotnet-boundary", Description = "Caps every IAM role of an Amplify (Gen1) project with the env's IAM permissions boundary.")]
[Subcommand(
    typeof(GetCommand),
    typeof(SetCommand),
    typeof(RemoveCommand),
    typeof(ListCommand),
    typeof(InitCommand),
    typeof(EnvCommand),
    typeof(HookCommand),
    typeof(InjectCommand),
    typeof(RestoreCommand),
    typeof(VerifyCommand),
    typeof(AuditCommand),
    typeof(OrgCommand))]
public sealed class Program
{
    public static int Main(string[] args) => Run(args, PhysicalConsole.Singleton, CliContext.FromProcess());

    /// <summary>The whole command line, with its console and context passed in so that tests run the real thing.</summary>
    /// <param name="configure">Lets tests replace services (a scripted <see cref="IPrompter"/>, a fake <see cref="IAwsClientFactory"/>).</param>
    public static int Run(string[] args, IConsole console, CliContext context, Action<IServiceCollection>? configure = null)
    {
        AwsSdkDependencies.Register();
        var collection = new ServiceCollection()
            .AddSingleton(console)
            .AddSingleton(context)
            .AddSingleton<IPrompter>(new ConsolePrompter(console))
            .AddSingleton<IAwsClientFactory>(new AwsClientFactory(context));
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        var app = new CommandLineApplication<Program>(console, context.WorkingDirectory, throwOnUnexpectedArg: true)
        {
            ExtendedHelpText = ExitCodesHelp,
        };
        app.HelpOption("-h|--help", inherited: true);
        app.VersionOption("--version", Version);
        // McMaster's own validation (e.g. a required option) would exit 1, which is our "findings" code.
        // Set before the conventions create the subcommands, which copy it.
        app.ValidationErrorHandler = result =>
        {
            console.Error.WriteLine($"error: {result.ErrorMessage} See '--help'.");
            return ExitCodes.Usage;
        };
        app.Conventions.UseDefaultConventions().UseConstructorInjection(services);
        try
        {
            return app.Execute(args);
        }
        catch (CommandParsingException e)
        {
            console.Error.WriteLine($"error: {e.Message}. See '{e.Command.Name} --help'.");
            return ExitCodes.Usage;
        }
    }

    public static string Version { get; } =
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private const string ExitCodesHelp = """

        Exit codes: 0 success; 1 verify/audit found roles without the boundary; 2 usage or validation error;
        3 project or file error; 4 AWS error (a call failed or was refused, no usable credentials,
        or env add --strict could not check the boundary).
        """;

    public int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.Usage;
    }
}
