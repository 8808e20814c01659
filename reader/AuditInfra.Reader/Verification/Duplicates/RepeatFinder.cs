using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Verification.Duplicates;

/// <summary>
/// Reads sightings in (hash, object, line) order and reports each one whose identity bytes equal an earlier
/// sighting's under the same hash. Only the distinct identities of the current hash are held (one, unless two
/// identities collide), so memory does not grow with the number of copies.
/// </summary>
internal sealed class RepeatFinder(Action<RepeatedIdentity> onRepeat)
{
    private readonly List<(int Start, int Length, SightingFlags Flags, int Object, long Line)> _distinct = [];
    private byte[] _scratch = new byte[4096];
    private int _used;
    private UInt128 _hash;

    public void Accept(UInt128 hash, int objectOrdinal, long line, SightingFlags flags, ReadOnlySpan<byte> identity)
    {
        if (_distinct.Count == 0 || hash != _hash)
        {
            _hash = hash;
            _distinct.Clear();
            _used = 0;
        }

        foreach (var seen in _distinct)
        {
            if (seen.Flags == flags && _scratch.AsSpan(seen.Start, seen.Length).SequenceEqual(identity))
            {
                var kubernetes = (flags & SightingFlags.Kubernetes) != 0;
                var truncated = (flags & SightingFlags.Truncated) != 0;
                var text = RecordIdentity.Describe(identity, kubernetes) + (truncated ? " (shortened)" : string.Empty);
                onRepeat(new RepeatedIdentity(objectOrdinal, line, seen.Object, seen.Line, text, truncated));
                return;
            }
        }

        if (_used + identity.Length > _scratch.Length)
        {
            Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _used + identity.Length));
        }

        identity.CopyTo(_scratch.AsSpan(_used));
        _distinct.Add((_used, identity.Length, flags, objectOrdinal, line));
        _used += identity.Length;
    }
}
