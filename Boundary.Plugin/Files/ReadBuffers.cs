namespace Boundary.Files;

/// <summary>
/// Buffers for reading whole files, reused from one file to the next. Each buffer of a template read
/// fresh would be a new large-object-heap array, and every such allocation past the heap's budget
/// starts a full, blocking collection: a 2,000-template run spent a fifth of its time there. At most
/// one buffer a core is kept (the largest), so what stays is about as many bytes as the largest files
/// read at once, which the readers hold anyway.
/// </summary>
internal static class ReadBuffers
{
    // A small file gets a buffer worth keeping for the next one. Larger ones are the file's size (to
    // the next 64 KiB): readers take the largest files first, so later ones fit.
    private const int Smallest = 1 << 16;

    private static readonly Lock Gate = new();
    private static readonly List<byte[]> Free = [];

    /// <summary>A buffer of at least <paramref name="length"/> bytes. Its content is whatever the last user left: read only what you wrote.</summary>
    public static byte[] Rent(int length)
    {
        lock (Gate)
        {
            var best = -1;
            for (var i = 0; i < Free.Count; i++)
                if (Free[i].Length >= length && (best < 0 || Free[i].Length < Free[best].Length))
                    best = i;
            if (best >= 0)
            {
                var buffer = Free[best];
                Free.RemoveAt(best);
                return buffer;
            }
        }
        var size = (int)Math.Min(Array.MaxLength, ((long)length + Smallest - 1) / Smallest * Smallest);
        size = Math.Max(size, Smallest);
        return GC.AllocateUninitializedArray<byte>(size);
    }

    /// <summary>Gives a buffer back; the caller must not touch it afterwards.</summary>
    public static void Return(byte[] buffer)
    {
        lock (Gate)
        {
            Free.Add(buffer);
            if (Free.Count <= Environment.ProcessorCount)
                return;
            var smallest = 0;
            for (var i = 1; i < Free.Count; i++)
                if (Free[i].Length < Free[smallest].Length)
                    smallest = i;
            Free.RemoveAt(smallest);
        }
    }
}
