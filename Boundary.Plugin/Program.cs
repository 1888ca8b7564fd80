using Boundary.Aws;
using Boundary.Cli;
using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;
using Microsoft.Extensions.DependencyInjection;

namespace Boundary;

[Command("dotnet-boundary", Description = "Caps every IAM role of an Amplify (Gen1) project with the env's IAM permissions boundary.")]
public sealed class Program
{
    public static int Main(string[] args)
    {
        // A closed stdin, stdout or stderr ('<&-', '>&-') gets /dev/null first: otherwise the next file
        // opened (a template, the journal) would take its descriptor and receive the console's output.
        Files.NativeFiles.EnsureStandardDescriptorsOpen();
        Files.NativeFiles.FailWritesOverTheFileSizeLimit();
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            // A thread of our own died with an exception: one line, never a trace.
            LastResort.Report(Console.Error, e.ExceptionObject as Exception);
            Environment.Exit(ExitCodes.Internal);
        };
        try
        {
            var console = new ForgivingConsole(PhysicalConsole.Singleton, StandardOutput.Create());
            var context = RunContext.FromProcess();
            var exitCode = Run(args, console, context);
            if (CollectorStats.IsRequested(context.GetEnvironmentVariable))
                console.Error.WriteLine(CollectorStats.Line());
            return console.Lost is { } lost ? LastResort.OutputLost(Console.Error, exitCode, lost) : exitCode;
        }
        catch (Exception e)
        {
            return LastResort.Handle(Console.Error, e);
        }
    }

    /// <summary>The whole command line, with its console and context passed in so that tests run the real thing.</summary>
    /// <param name="configure">Lets tests replace services (a scripted <see cref="IPrompter"/>, a fake <see cref="IAwsClientFactory"/>).</param>
    public static int Run(string[] args, IConsole console, RunContext context, Action<IServiceCollection>? configure = null)
    {
        // Answered before anything is built: a version check must not pay for the command model.
        if (args is ["--version"])
        {
            console.Out.WriteLine(Version);
            return ExitCodes.Success;
        }
        AwsSdkDependencies.Register();
        var collection = new ServiceCollection()
            .AddSingleton(console)
            .AddSingleton(context)
            .AddSingleton<IPrompter>(new ConsolePrompter(console))
            .AddSingleton<IAwsClientFactory>(new AwsClientFactory(context));
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        var parsing = new ParsingConsole(console);
        var app = new CommandLineApplication<Program>(parsing, context.WorkingDirectory, throwOnUnexpectedArg: true)
        {
            ExtendedHelpText = ExitCodesHelp,
            HelpTextGenerator = DescriptionFirstHelpText.Singleton,
        };
        app.HelpOption("-h|--help", inherited: true);
        app.VersionOption("--version", Version);
        // McMaster's own validation (e.g. a required option) would exit 1, which is our "findings" code.
        // Set before the conventions create the subcommands, which copy it.
        app.ValidationErrorHandler = result => UsageError(console, args, $"{result.ErrorMessage} See '--help'.");
        // McMaster's default conventions, in their order, without two that read every attribute of each
        // command and its members by reflection for nothing: AttributeConvention (no attribute here or in
        // McMaster implements IConvention or IMemberConvention) and SubcommandAttributeConvention (no
        // [Subcommand]: see CommandEntry). Together 7% of a small project's pre-push.
        app.Conventions
            .UseCommandAttribute()
            .UseVersionOptionFromMemberAttribute()
            .UseVersionOptionAttribute()
            .UseHelpOptionAttribute()
            .UseOptionAttributes()
            .UseArgumentAttributes()
            .SetAppNameFromEntryAssembly()
            .SetRemainingArgsPropertyOnModel()
            .SetSubcommandPropertyOnModel()
            .SetParentPropertyOnModel()
            .UseOnExecuteMethodFromModel()
            .UseOnValidateMethodFromModel()
            .UseOnValidationErrorMethodFromModel()
            .UseConstructorInjection()
            .UseDefaultHelpOption()
            .UseCommandNameFromModelType()
            .UseConstructorInjection(services);
        // Added after the conventions, which each command then takes over from the root, as [Subcommand] would.
        foreach (var command in CommandsFor(args))
            command.Add(app, args.Skip(1).ToList());
        try
        {
            var exitCode = app.Execute(args);
            parsing.Release();
            return exitCode;
        }
        catch (CommandParsingException e)
        {
            parsing.Discard();
            return UsageError(console, args, $"{e.Message.TrimEnd('.')}. See '{e.Command.Name} --help'.");
        }
        catch (Exception e)
        {
            parsing.Release();
            return LastResort.Handle(console.Error, e);
        }
    }

    /// <summary>A command line the parser refused: one line on stderr, and with --json the error document on stdout, as for every other error.</summary>
    private static int UsageError(IConsole console, string[] args, string message)
    {
        console.Error.WriteLine(TerminalText.Message($"error: {message}"));
        if (args.TakeWhile(arg => arg != "--").Contains("--json"))
            new ConsoleOutput(console).Json(new ErrorDocument(false, message, ExitCodes.Usage));
        return ExitCodes.Usage;
    }

    /// <summary>
    /// The commands, in the order help lists them, with their subcommands. Not [Subcommand] attributes:
    /// McMaster would then build every command's model by reflection on every start, the larger part of
    /// the native build's start-up.
    /// </summary>
    internal static IReadOnlyList<CommandEntry> Commands { get; } =
    [
        CommandEntry.Of<GetCommand>("get"),
        CommandEntry.Of<SetCommand>("set"),
        CommandEntry.Of<RemoveCommand>("remove"),
        CommandEntry.Of<ListCommand>("list"),
        CommandEntry.Of<InitCommand>("init"),
        CommandEntry.Of<EnvCommand>("env", CommandEntry.Of<EnvAddCommand>("add"), CommandEntry.Of<EnvUpdateCommand>("update")),
        CommandEntry.Of<HookCommand>(
            "hook",
            CommandEntry.Of<HookPrePushCommand>("pre-push"),
            CommandEntry.Of<HookPostPushCommand>("post-push"),
            CommandEntry.Of<HookInstallCommand>("install"),
            CommandEntry.Of<HookUninstallCommand>("uninstall"),
            CommandEntry.Of<HookStatusCommand>("status")),
        CommandEntry.Of<InjectCommand>("inject"),
        CommandEntry.Of<RestoreCommand>("restore"),
        CommandEntry.Of<VerifyCommand>("verify"),
        CommandEntry.Of<AuditCommand>("audit"),
        CommandEntry.Of<OrgCommand>("org", CommandEntry.Of<OrgRequirementsCommand>("requirements")),
    ];

    /// <summary>The top-level commands a command line needs built (see <see cref="CommandEntry.For"/>).</summary>
    internal static IReadOnlyList<CommandEntry> CommandsFor(string[] args) => CommandEntry.For(Commands, args);

    /// <summary>The package version, written into the build as a constant (ToolVersion.g.cs): reading the assembly's attribute by reflection was a twentieth of '--version'.</summary>
    public static string Version => ToolVersion.Value;

    private const string ExitCodesHelp = """

        Exit codes: 0 success; 1 verify/audit found roles without the boundary; 2 usage or validation error;
        3 project or file error; 4 AWS error (a call failed or was refused, no usable credentials,
        or env add --strict could not check the boundary); 70 internal error (a bug: please report it);
        130 cancelled (Ctrl+C).
        """;

    public int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.Usage;
    }
}
