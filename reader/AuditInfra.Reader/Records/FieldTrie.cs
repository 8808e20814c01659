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

    public RecordField[] Captures { get; private set; } = [];

    /// <summary>This node's number within its tree (0 for the root), so a parser can mark the nodes a line has visited.</summary>
    public int Ordinal { get; private init; }

    /// <summary>The dotted path from the root to this node, as configured (empty for the root).</summary>
    public string Path { get; private init; } = "";

    /// <summary>How many nodes the tree holds (on the root; ordinals are below it).</summary>
    public int NodeCount { get; private set; } = 1;

    public bool HasChildren => _children.Length > 0;

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

        return root;
    }

    /// <summary>The child for an unescaped property name, or null when nothing below it is wanted.</summary>
    public FieldTrie? Find(ReadOnlySpan<byte> name)
    {
        var names = _names;
        for (var i = 0; i < names.Length; i++)
        {
            if (name.SequenceEqual(names[i]))
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
