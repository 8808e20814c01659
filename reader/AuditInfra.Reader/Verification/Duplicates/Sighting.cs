namespace AuditInfra.Reader.Verification.Duplicates;

/// <summary>
/// One record identity as the ledger holds it while it is in memory: its 128-bit hash, where it was read (the
/// object's ordinal in listing order and the 1-based line) and where its bytes lie in the shard's arena.
/// Sorted by (hash, object, line), so of the copies of one identity the first read in listing order comes first.
/// </summary>
internal struct Sighting : IComparable<Sighting>
{
    public UInt128 Hash;
    public long Line;
    public int Object;
    public int Offset;
    public ushort Length;
    public SightingFlags Flags;

    public static int Compare(in Sighting a, in Sighting b) => SightingKey.Compare(a.Hash, a.Object, a.Line, b.Hash, b.Object, b.Line);

    /// <summary>
    /// The sort order, for <c>Span.Sort()</c>: through <see cref="IComparable{T}"/> the sort calls this directly (a
    /// comparison delegate cost a call per comparison, ~5% of verify's CPU). No two sightings share (object, line),
    /// so the order is total and an unstable sort gives one result.
    /// </summary>
    public readonly int CompareTo(Sighting other) => Compare(this, other);
}

/// <summary>What a sighting's bytes are.</summary>
[Flags]
internal enum SightingFlags : byte
{
    None = 0,

    /// <summary>A Kubernetes (<c>auditID</c>, <c>stage</c>) identity rather than a CloudEvents (<c>source</c>, <c>id</c>) one.</summary>
    Kubernetes = 1,

    /// <summary>Only the first <see cref="IdentityLedger.MaxStoredIdentityBytes"/> bytes are kept (an unusually long identity).</summary>
    Truncated = 2,
}
