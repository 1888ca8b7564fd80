using McMaster.Extensions.CommandLineUtils.HelpText;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>
/// Help that opens with what the command does, then its usage; the version is what --version is for
/// (McMaster's default opens with a bare version line).
/// </summary>
public sealed class DescriptionFirstHelpText : DefaultHelpTextGenerator
{
    public static new DescriptionFirstHelpText Singleton { get; } = new();

    protected override void GenerateHeader(CommandLineApplication application, TextWriter output)
    {
        if (string.IsNullOrEmpty(application.Description))
            return;
        output.WriteLine(application.Description);
        output.WriteLine();
    }
}
