using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>
/// A command of the command line and its subcommands, added to McMaster in code rather than by
/// [Subcommand] attributes: McMaster builds the model of every command it is given by reflection on
/// each start, so only the commands a command line names are given to it (see <see cref="For"/>).
/// </summary>
public sealed class CommandEntry
{
    private readonly Func<CommandLineApplication, string, Action<CommandLineApplication>, CommandLineApplication> create;

    private CommandEntry(string name, Type type, IReadOnlyList<CommandEntry> children, Func<CommandLineApplication, string, Action<CommandLineApplication>, CommandLineApplication> create)
    {
        Name = name;
        Type = type;
        Children = children;
        this.create = create;
    }

    public string Name { get; }

    /// <summary>The command's model: its [Command] attribute gives <see cref="Name"/>.</summary>
    public Type Type { get; }

    public IReadOnlyList<CommandEntry> Children { get; }

    public static CommandEntry Of<TCommand>(string name, params CommandEntry[] children) where TCommand : class =>
        new(name, typeof(TCommand), children, (parent, commandName, configure) => parent.Command<TCommand>(commandName, configure));

    /// <summary>
    /// Adds this command to <paramref name="parent"/>, with the subcommands <paramref name="rest"/> (the
    /// words after this command's name) needs. Called after the parent's conventions are set, which the
    /// command takes over, as with [Subcommand].
    /// </summary>
    public void Add(CommandLineApplication parent, IReadOnlyList<string> rest) =>
        create(parent, Name, command =>
        {
            foreach (var child in For(Children, rest))
                child.Add(command, rest.Skip(1).ToList());
        });

    /// <summary>
    /// What a command line needs built at one level: the one command its first word names exactly
    /// (McMaster then finds it as before), and every command otherwise, so that help, a missing command
    /// and an unknown word ("did you mean") read as they always did.
    /// </summary>
    public static IReadOnlyList<CommandEntry> For(IReadOnlyList<CommandEntry> commands, IReadOnlyList<string> args) =>
        args.Count > 0 && commands.FirstOrDefault(c => c.Name == args[0]) is { } named ? [named] : commands;
}
