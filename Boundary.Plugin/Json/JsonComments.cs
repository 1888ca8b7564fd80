namespace Boundary.Json;

/// <summary>
/// Where comments in a template's JSON could be read two ways. Our reader (System.Text.Json) ends a
/// <c>//</c> comment at a carriage return; the host's (hjson) only at a line feed, so what stands between
/// a lone carriage return and the next line feed is JSON for one and comment for the other.
/// </summary>
public static class JsonComments
{
    /// <summary>The offset of a carriage return inside a <c>//</c> comment that a line feed does not follow at once, or -1.</summary>
    public static int LoneCarriageReturnInLineComment(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf("//"u8) < 0 || json.IndexOf((byte)'\r') < 0)
            return -1;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                if (b == '\\')
                    i++;
                else if (b == '"')
                    inString = false;
                continue;
            }
            if (b == '"')
            {
                inString = true;
                continue;
            }
            if (b != '/' || i + 1 >= json.Length)
                continue;
            if (json[i + 1] == '/')
            {
                var lineFeed = json[i..].IndexOf((byte)'\n');
                var end = lineFeed < 0 ? json.Length : i + lineFeed;
                var carriageReturn = json[i..end].IndexOf((byte)'\r');
                if (carriageReturn >= 0 && i + carriageReturn + 1 < end)
                    return i + carriageReturn;
                i = end;
            }
            else if (json[i + 1] == '*')
            {
                var close = json[(i + 2)..].IndexOf("*/"u8);
                if (close < 0)
                    return -1;
                i += close + 3;
            }
        }
        return -1;
    }
}
