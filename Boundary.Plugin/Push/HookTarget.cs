using Boundary.Amplify;

namespace Boundary.Push;

/// <summary>Finds the project and env a hook acts on: --project-dir, else the payload's projectPath, else up from the working folder.</summary>
public static class HookTarget
{
    public static AmplifyProject Locate(string? projectDir, HookPayload payload, string workingDirectory, List<string> warnings)
    {
        if (string.IsNullOrEmpty(projectDir) && payload.ProjectPath is { } fromPayload)
        {
            // A NUL or control character cannot be in a real path: the payload is damaged, not a project.
            if (fromPayload.Any(c => c == '\0' || char.IsControl(c)) || fromPayload.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            {
                warnings.Add($"the host's projectPath holds a character no path can hold; using the working folder instead.");
                return AmplifyProject.Locate(projectDir, workingDirectory);
            }

            var full = Path.GetFullPath(fromPayload, workingDirectory);
            if (AmplifyProject.IsProjectRoot(full))
                return AmplifyProject.Locate(full, workingDirectory);
            warnings.Add($"the host's projectPath {fromPayload} holds no Amplify project; using the working folder instead.");
        }
        return AmplifyProject.Locate(projectDir, workingDirectory);
    }
}
