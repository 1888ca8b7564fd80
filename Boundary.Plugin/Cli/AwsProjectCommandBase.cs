using Boundary.Aws;
using Boundary.Core;
using Boundary.Text;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>The options of commands that call AWS for an env, and the prompter rules they share.</summary>
public abstract class AwsProjectCommandBase(IConsole console, RunContext context, IPrompter prompter, IAwsClientFactory aws)
    : ProjectCommandBase(console, context)
{
    [Option("--profile <NAME>", Description = "The AWS profile for the env's credentials. Default: the env's entry in amplify/.config/local-aws-info.json, else the SDK's default chain.")]
    public string? Profile { get; set; }

    [Option("--region <REGION>", Description = "The region (it picks the partition's IAM endpoint). Default: the env's Region in team-provider-info, the profile's region, AWS_REGION, us-east-1.")]
    public string? Region { get; set; }

    [Option("--endpoint-url <URL>", Description = "Send IAM and STS calls to this endpoint (an emulator, a proxy). Default: AWS_ENDPOINT_URL_IAM / _STS, AWS_ENDPOINT_URL, else AWS.")]
    public string? EndpointUrl { get; set; }

    [Option("-y|--yes", Description = "Never prompt: fail instead when an answer is needed.")]
    public bool Yes { get; set; }

    protected IAwsClientFactory Aws { get; } = aws;

    protected override bool CancelsOnCtrlC => true;

    /// <summary>The prompter, or null when nobody can answer (stdin redirected, CI set, --yes).</summary>
    protected IPrompter? Prompter =>
        Yes || !Context.CanPrompt ? null
        : Json && prompter is ConsolePrompter ? new ConsolePrompter(Console, Console.Error)
        : prompter;

    protected AwsConnectOptions AwsOptions => new() { Profile = Profile, Region = Region, EndpointUrl = EndpointUrl };

    /// <summary>The options a suggested command should repeat, quoted for a shell.</summary>
    protected IReadOnlyList<string> RepeatOptions()
    {
        var options = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                options.Add($"{name} {ShellQuoting.Quote(value)}");
        }
        Add("--project-dir", ProjectDir);
        Add("--profile", Profile);
        Add("--region", Region);
        Add("--endpoint-url", EndpointUrl);
        return options;
    }
}
