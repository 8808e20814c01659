using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace AuditInfra.Reader.Records;

/// <summary>
/// The dotted paths a parser captures, as a tree of property names, so each property costs one lookup among the
/// names expected at its depth and everything else is skipped without being looked at.
/// </summary>
internal sealed class FieldTrie
{
    private byte[][] _names = [];
    private FieldTrie[] _children = [];
    private Slot[] _slots = [Slot.Empty, Slot.Empty]; // until Seal: a table of two slots (shift 63), both empty
    private ulong _multiplier;
    private bool _linear;
    private int _shift = 63;

    public RecordField[] Captures { get; private set; } = [];

    /// <summary>This node's number within its tree (0 for the root), so a parser can mark the nodes a line has visited.</summary>
    public int Ordinal { get; private init; }

    /// <summary>The dotted path from the root to this node, as configured (empty for the root).</summary>
    public string Path { get; private init; } = "";

    /// <summary>How many nodes the tree holds (on the root; ordinals are below it).</summary>
    public int NodeCount { get; private set; } = 1;

    public bool HasChildren => _children.Length > 0;

    /// <summary>Whether this node looks names up by hash, not one by one (tests check both ways).</summary>
    internal bool IsHashed => !_linear;

    public static FieldTrie Build(IEnumerable<(RecordField Field, string Path)> paths)
    {
        var root = new FieldTrie();
        foreach (var (field, path) in paths)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                continue; // an empty setting switches a field off
            }

            var node = root;
            foreach (var segment in path.Split('.'))
            {
                node = node.GetOrAdd(Encoding.UTF8.GetBytes(segment), segment, root);
            }

            node.Captures = [.. node.Captures, field];
        }

        root.Seal();
        return root;
    }

    /// <summary>The child for an unescaped property name, or null when nothing below it is wanted.</summary>
    /// <remarks>
    /// Most names a record holds are looked up here once each, and most are not wanted, so a lookup is one hash of
    /// the name's length, first 8 and last 8 bytes into a table without collisions among this node's names (built in
    /// <see cref="Seal"/>), then one comparison with the only name that can match.
    /// </remarks>
    public FieldTrie? Find(ReadOnlySpan<byte> name)
    {
        if (_linear)
        {
            return FindEach(name);
        }

        var prefix = Prefix(name);
        ref readonly var slot = ref _slots[Index(name, prefix, _multiplier, _shift)];
        return slot.Length == name.Length && slot.Prefix == prefix && (name.Length <= 8 || name[8..].SequenceEqual(slot.Name.AsSpan(8)))
            ? slot.Child
            : null;
    }

    private FieldTrie? FindEach(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (name.SequenceEqual(_names[i]))
            {
                return _children[i];
            }
        }

        return null;
    }

    /// <summary>The child for the property name the reader is on, or null when nothing below it is wanted.</summary>
    public FieldTrie? Find(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Find(reader.ValueSpan);
        }

        for (var i = 0; i < _names.Length; i++)
        {
            if (reader.ValueTextEquals(_names[i]))
            {
                return _children[i];
            }
        }

        return null;
    }

    /// <summary>
    /// Builds this node's lookup table and its children's: the smallest power-of-two table (more than twice the
    /// names) and the first multiplier that sends every name to a slot of its own. A node holds a handful of names
    /// (a configured path adds one per level), so this ends after a few tries. When no table of up to 16 times that
    /// size separates them (long names alike in length and first and last 8 bytes), the node compares each name instead.
    /// </summary>
    private void Seal()
    {
        foreach (var child in _children)
        {
            child.Seal();
        }

        var smallest = Math.Max(3, BitOperations.Log2((uint)Math.Max(1, _names.Length)) + 2);
        for (var bits = smallest; bits <= smallest + 4; bits++)
        {
            var multiplier = 0x9E3779B97F4A7C15UL;
            for (var attempt = 0; attempt < 256; attempt++, multiplier += 0x632BE59BD9B4E019UL)
            {
                var slots = new Slot[1 << bits];
                Array.Fill(slots, Slot.Empty);
                var free = true;
                for (var i = 0; i < _names.Length && free; i++)
                {
                    var prefix = Prefix(_names[i]);
                    ref var slot = ref slots[Index(_names[i], prefix, multiplier | 1, 64 - bits)];
                    free = slot.Length < 0;
                    slot = new Slot(_children[i], _names[i], prefix, _names[i].Length);
                }

                if (free)
                {
                    (_slots, _multiplier, _shift) = (slots, multiplier | 1, 64 - bits);
                    return;
                }
            }
        }

        // Names longer than 16 bytes that agree in length and in their first and last 8 bytes always share a slot.
        _linear = true;
    }

    /// <summary>The slot of a name: its length, first 8 bytes and (when longer) last 8 bytes, hashed by multiplication.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Index(ReadOnlySpan<byte> name, ulong prefix, ulong multiplier, int shift)
    {
        var key = prefix ^ (ulong)name.Length;
        if (name.Length > 8)
        {
            key ^= BitOperations.RotateLeft(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(name), name.Length - 8)), 29);
        }

        return (int)((key * multiplier) >> shift);
    }

    /// <summary>
    /// Every byte of a name up to 8 bytes long, else its first 8, as one word: names up to 8 bytes are then equal
    /// exactly when their lengths and words are. Short names are read with two overlapping loads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Prefix(ReadOnlySpan<byte> name)
    {
        ref var first = ref MemoryMarshal.GetReference(name);
        return name.Length switch
        {
            >= 8 => Unsafe.ReadUnaligned<ulong>(ref first),
            >= 4 => Unsafe.ReadUnaligned<uint>(ref first) | ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref first, name.Length - 4)) << 32),
            >= 1 => first | ((ulong)Unsafe.Add(ref first, name.Length - 1) << 8) | ((ulong)Unsafe.Add(ref first, name.Length / 2) << 16),
            _ => 0,
        };
    }

    /// <summary>
    /// A name of this node where its hash leads, held in the table itself so a lookup follows no further reference.
    /// An empty slot has length -1, which no name has, so a lookup there fails on its first comparison.
    /// </summary>
    private readonly record struct Slot(FieldTrie? Child, byte[] Name, ulong Prefix, int Length)
    {
        public static Slot Empty => new(null, [], 0, -1);
    }

    private FieldTrie GetOrAdd(byte[] name, string segment, FieldTrie root)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (_names[i].AsSpan().SequenceEqual(name))
            {
                return _children[i];
            }
        }

        var child = new FieldTrie { Ordinal = root.NodeCount++, Path = Path.Length == 0 ? segment : $"{Path}.{segment}" };
        _names = [.. _names, name];
        _children = [.. _children, child];
        return child;
    }
}
