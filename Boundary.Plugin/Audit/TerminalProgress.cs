using System.Diagnostics;

namespace Boundary.Audit;

/// <summary>
/// One status line on a terminal's stderr, redrawn in place with <c>\r</c> at most ten times a second,
/// e.g. <c>audit dev: 11 stacks, 500 roles | boundaries 500/500</c>. Only used when stdout is a terminal
/// and the output is text (a redirected or JSON run gets none: the line would end up in logs).
/// </summary>
public sealed class TerminalProgress(TextWriter error, Func<long>? clock = null) : IAuditProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly object gate = new();
    private readonly Func<long> clock = clock ?? Stopwatch.GetTimestamp;
    private long lastDraw = long.MinValue;
    private int lastLength;
    private string env = "";
    private string stage = "";
    private string detail = "";

    public void Stage(string env, string stage) => Update(env, stage, "", force: true);

    public void StacksListed(string env, int stacks, int roles) =>
        Update(env, "listing stacks", $"{stacks} stack{(stacks == 1 ? "" : "s")}, {roles} role{(roles == 1 ? "" : "s")}");

    public void RolesScanned(string env, int read) => Update(env, "reading boundaries", $"{read} roles of the account scanned");

    public void BoundariesRead(string env, int done, int total) => Update(env, "reading boundaries", $"{done}/{total}");

    public void Fixed(string env, int done, int total) => Update(env, "fixing", $"{done}/{total}");

    public void Finish()
    {
        lock (gate)
        {
            if (lastLength > 0)
            {
                error.Write("\r" + new string(' ', lastLength) + "\r");
                error.Flush();
            }
            lastLength = 0;
        }
    }

    private void Update(string env, string stage, string detail, bool force = false)
    {
        lock (gate)
        {
            this.env = env;
            this.stage = stage;
            this.detail = detail;
            var now = clock();
            if (!force && lastDraw != long.MinValue && Stopwatch.GetElapsedTime(lastDraw, now) < Interval)
                return;
            lastDraw = now;
            // The env's name and a stage naming a region are the project's text: shown escaped, on this one line.
            var line = $"audit {Text.Printable.Of(this.env)}: {Text.Printable.Of(this.stage)}{(this.detail.Length > 0 ? " | " + this.detail : "")}";
            var pad = Math.Max(0, lastLength - line.Length);
            error.Write("\r" + line + new string(' ', pad));
            error.Flush();
            lastLength = line.Length;
        }
    }
}
