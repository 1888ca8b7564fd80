namespace Boundary.HookSetup;

/// <summary>
/// The shell text that 'hook install' writes. One block does everything (find the tool, run it with the
/// host's stdin, stop on failure, hand the same stdin on); a file of our own is a shebang line plus
/// that block, and a user's <c>.sh</c> hook gets the block after its shebang line. LF endings only.
/// </summary>
public static class HookScripts
{
    public const string BeginMarker = ">>> dotnet-boundary >>>";
    public const string EndMarker = "<<< dotnet-boundary <<<";
    public const string Shebang = "#!/usr/bin/env bash\n";

    /// <summary>Overrides how the hook finds the tool: a path to dotnet-boundary, or a command split on spaces.</summary>
    public const string ToolVariable = "BOUNDARY_HOOK_TOOL";

    /// <summary>The hooks this tool installs, each calling 'dotnet boundary hook &lt;name&gt;'.</summary>
    public static readonly IReadOnlyList<string> Hooks = ["pre-push", "post-push"];

    public const string InstallHint = "dotnet tool install --global Boundary.Plugin";

    /// <summary>The whole file written when the project has no hook of that name.</summary>
    public static string File(string hook) => Shebang + Block(hook);

    /// <summary>The marked block, from its first marker line to the end of its last (LF included).</summary>
    public static string Block(string hook) => BlockTemplate
        .Replace("__HOOK__", hook, StringComparison.Ordinal)
        .Replace("__WHAT__", hook == "pre-push" ? "push" : "Amplify command", StringComparison.Ordinal)
        .Replace("__WHY__", hook == "pre-push"
            ? "without the tool the project's IAM roles would be pushed without their permissions boundary"
            : "without the tool the boundaries the pre-push hook added to the templates would stay in them", StringComparison.Ordinal)
        .Replace("__INSTALL__", InstallHint, StringComparison.Ordinal)
        .Replace("__VAR__", ToolVariable, StringComparison.Ordinal)
        .ReplaceLineEndings("\n");

    /// <summary>The lines to paste into a JavaScript hook: they run the helper script with the same stdin.</summary>
    public static string JavaScriptCall(string hook) => JavaScriptTemplate
        .Replace("__HOOK__", hook, StringComparison.Ordinal)
        .ReplaceLineEndings("\n");

    /// <summary>Where the helper script lives for a hook the user wrote in another language (the host ignores sub-folders).</summary>
    public static string HelperRelativePath(string hook) => $"dotnet-boundary/{hook}.sh";

    // Notes on the shell text:
    // - stdin (the host's JSON) is saved to a temp file so that the tool and the rest of a user's script both get all of it;
    // - the tool runs in a subshell so that nothing it sets (exports, options, functions) leaks into a user's script;
    // - 'hook install' must work with HOME and every DOTNET_* variable unset (env -i PATH=...): bash's '~' falls back to
    //   the password database, and dotnet gets DOTNET_CLI_HOME, no logo and no first-run experience.
    private const string BlockTemplate = """
        # >>> dotnet-boundary >>>
        # Added by 'dotnet boundary hook install': runs 'dotnet boundary hook __HOOK__' with the JSON the Amplify CLI
        # writes to this hook's stdin, stops the __WHAT__ when it fails, then gives the same stdin to the rest of
        # this file. 'dotnet boundary hook uninstall' removes this block: keep it unchanged.
        __dotnet_boundary_in="$(mktemp 2>/dev/null || mktemp -t dotnet-boundary.XXXXXX 2>/dev/null)" || {
          echo "dotnet-boundary: cannot create a temp file for the hook's input (set TMPDIR to a writable folder)." >&2
          exit 1
        }
        cat > "$__dotnet_boundary_in"
        (
          set -f
          home=~
          [ -d "$home" ] || home=
          if [ -n "${DOTNET_CLI_HOME:-}" ]; then cli_home="$DOTNET_CLI_HOME"; else cli_home="${HOME:-$home}"; fi
          if [ -z "$cli_home" ] || [ ! -w "$cli_home" ]; then cli_home="${TMPDIR:-/tmp}"; fi
          export DOTNET_CLI_HOME="$cli_home"
          export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
          export DOTNET_SKIP_FIRST_TIME_EXPERIENCE="${DOTNET_SKIP_FIRST_TIME_EXPERIENCE:-1}"
          export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
          # A dotnet outside the standard places (e.g. ~/.dotnet) is found by tools through DOTNET_ROOT.
          if [ -z "${DOTNET_ROOT:-}" ]; then
            if command -v dotnet >/dev/null 2>&1; then
              dir="$(command -v dotnet)"
              dir="$(readlink -f "$dir" 2>/dev/null || printf '%s' "$dir")"
              dir="${dir%/*}"
              if [ -d "$dir/shared/Microsoft.NETCore.App" ]; then export DOTNET_ROOT="$dir"; fi
            elif [ -n "$home" ] && [ -x "$home/.dotnet/dotnet" ]; then
              export DOTNET_ROOT="$home/.dotnet"
              PATH="$PATH:$home/.dotnet"
            fi
          fi
          if [ -n "${__VAR__:-}" ]; then
            if [ -f "$__VAR__" ]; then exec "$__VAR__" hook __HOOK__; fi
            exec $__VAR__ hook __HOOK__
          fi
          # A local tool: a manifest at or above the project root lists dotnet-boundary. In a fresh clone (a CI
          # runner, an Amplify Hosting build) nobody has run 'dotnet tool restore' yet: restore it, then run it.
          if command -v dotnet >/dev/null 2>&1; then
            dir="$PWD"
            while [ -n "$dir" ]; do
              for manifest in "$dir/.config/dotnet-tools.json" "$dir/dotnet-tools.json"; do
                if [ -f "$manifest" ] && grep -q '"dotnet-boundary"' "$manifest"; then
                  if ! dotnet tool run dotnet-boundary --version </dev/null >/dev/null 2>&1; then
                    echo "dotnet-boundary: the local tool in $manifest is not restored: running 'dotnet tool restore' in $dir." >&2
                    if ! (cd "$dir" && dotnet tool restore </dev/null >&2); then
                      echo "dotnet-boundary: 'dotnet tool restore' failed (above). Run it yourself in $dir, where the feed that serves Boundary.Plugin can be reached (a nuget.config may name it), then run the Amplify command again." >&2
                      echo "This hook fails on purpose, which stops the __WHAT__: __WHY__." >&2
                      exit 127
                    fi
                  fi
                  exec dotnet tool run dotnet-boundary hook __HOOK__
                fi
              done
              [ "$dir" = / ] && break
              dir="${dir%/*}"
              dir="${dir:-/}"
            done
          fi
          # A global tool: on PATH, or in the folder 'dotnet tool install --global' uses.
          if command -v dotnet-boundary >/dev/null 2>&1; then exec dotnet-boundary hook __HOOK__; fi
          for tool in "${DOTNET_CLI_HOME}/.dotnet/tools/dotnet-boundary" "${home:-/nonexistent}/.dotnet/tools/dotnet-boundary"; do
            if [ -x "$tool" ]; then exec "$tool" hook __HOOK__; fi
          done
          echo "dotnet-boundary: cannot run 'dotnet boundary hook __HOOK__': the tool is not installed (looked for a local tool in .config/dotnet-tools.json, for dotnet-boundary on PATH and in ~/.dotnet/tools)." >&2
          echo "Install it with '__INSTALL__' (or 'dotnet new tool-manifest && dotnet tool install Boundary.Plugin' for a local tool), or set __VAR__ to its path." >&2
          echo "This hook fails on purpose, which stops the __WHAT__: __WHY__. To stop using it: 'dotnet boundary hook uninstall'." >&2
          exit 127
        ) < "$__dotnet_boundary_in"
        __dotnet_boundary_rc=$?
        exec 0< "$__dotnet_boundary_in"
        rm -f "$__dotnet_boundary_in"
        if [ "$__dotnet_boundary_rc" -ne 0 ]; then exit "$__dotnet_boundary_rc"; fi
        unset __dotnet_boundary_in __dotnet_boundary_rc
        # <<< dotnet-boundary <<<

        """;

    private const string JavaScriptTemplate = """
        // >>> dotnet-boundary >>>
        // Runs 'dotnet boundary hook __HOOK__' (through dotnet-boundary/__HOOK__.sh) with the JSON the Amplify CLI writes
        // to stdin, and stops when it fails. stdin is read here: use boundaryHookInput instead of reading it again.
        const boundaryHookInput = require('fs').readFileSync(0);
        {
          const run = require('child_process').spawnSync('bash', [require('path').join(__dirname, 'dotnet-boundary', '__HOOK__.sh')],
            { input: boundaryHookInput, stdio: ['pipe', 'inherit', 'inherit'] });
          if (run.status !== 0) process.exit(run.status ?? 1);
        }
        // <<< dotnet-boundary <<<

        """;
}
