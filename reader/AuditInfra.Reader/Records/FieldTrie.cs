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
                node = node.GetOrAdd(Encoding.UTF8.GetBytes(segment));
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

    private FieldTrie GetOrAdd(byte[] name)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (_names[i].AsSpan().SequenceEqual(name))
            {
                return _children[i];
            }
        }

        var child = new FieldTrie();
        _names = [.. _names, name];
        _children = [.. _children, child];
        return child;
    }
}
