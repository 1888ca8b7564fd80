using System.IO.Hashing;
using System.Security.Cryptography;

namespace Boundary.Push;

/// <summary>
/// How a journal names a file's bytes (an entry's <c>before</c> and <c>after</c>): XXH128 from format 5
/// on, SHA-256 in formats 3 and 4, which are still undone. The hash answers one question, whether a
/// template still holds exactly what pre-push wrote (or the original); it need not withstand a forger.
/// Only a journal this folder's own run wrote is ever undone (<see cref="PushJournal.Read"/> checks its
/// file identity), and whoever could put a colliding file in a template's place between pre-push and
/// post-push could as well write the template, or the journal, as they like. SHA-256 was some 6% of a
/// 2,000-template pre-push's CPU, at 1.5 GB/s with the CPU's SHA instructions; XXH128 hashes 11-14 GB/s.
/// </summary>
public sealed class JournalHash
{
    private readonly bool sha256;

    private JournalHash(bool sha256) => this.sha256 = sha256;

    /// <summary>The hash of the journals this version writes.</summary>
    public static JournalHash Written { get; } = new(sha256: false);

    private static JournalHash Sha256 { get; } = new(sha256: true);

    /// <summary>The hash of a journal of <paramref name="format"/> (one <see cref="PushJournal"/> reads).</summary>
    public static JournalHash Of(int format) => format >= PushJournal.FormatVersion ? Written : Sha256;

    /// <summary>How many lowercase hex digits a hash is written as.</summary>
    public int HexLength => sha256 ? 64 : 32;

    public string Name => sha256 ? "SHA-256" : "XXH128";

    public string Hash(ReadOnlySpan<byte> bytes) =>
        Convert.ToHexStringLower(sha256 ? SHA256.HashData(bytes) : XxHash128.Hash(bytes));

    public bool IsWellFormed(string value) =>
        value.Length == HexLength && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>A hash of <see cref="Written"/>'s kind fed piece by piece, for bytes hashed as they are written.</summary>
    public static NonCryptographicHashAlgorithm StartWritten() => new XxHash128();

    /// <summary>What <paramref name="started"/> (from <see cref="StartWritten"/>) was fed, as written in a journal.</summary>
    public static string Finish(NonCryptographicHashAlgorithm started) => Convert.ToHexStringLower(started.GetHashAndReset());
}
