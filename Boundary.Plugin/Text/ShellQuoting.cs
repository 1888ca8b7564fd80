using System.Text.RegularExpressions;

namespace Boundary.Text;

/// <summary>Values written into a command line the user is told to run.</summary>
public static class ShellQuoting
{
    /// <summary>Quotes for POSIX shells when needed.</summary>
    public static string Quote(string value) =>
        value.Length > 0 && Regex.IsMatch(value, @"^[A-Za-z0-9:/_+=,.@%-]+\z") ? value : "'" + value.Replace("'", "'\\''") + "'";
}
