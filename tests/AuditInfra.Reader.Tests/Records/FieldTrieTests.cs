using System.Text;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Tests.Records;

/// <summary>
/// The field trie's hashed lookup finds exactly the names it was built with: every tracked name, and no name that
/// differs from one in its length or in any single byte (before, at and after the eighth, where its one-word
/// comparison ends).
/// </summary>
public class FieldTrieTests
{
    private static readonly string[] Names =
    [
        "", "a", "ab", "abc", "id", "ip", "type", "time", "data", "user", "kind", "verb", "stage", "level", "status",
        "source", "entity", "eventcode", "useragent", "specversion", "apiVersion", "requestURI", "auditID", "sourceIPs",
        "abcdefgh", "abcdefgi", "abcdefghi", "abcdefghj", "abcdefghijklmnop", "abcdefghijklmnoq", "abcdefghijklmnopq",
        "stageTimestamp", "requestReceivedTimestamp", "requestReceivedTimestamq", "ünïcödé",
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_tracked_name_is_found_and_every_near_miss_is_not(bool alike)
    {
        // Names alike in length and in their first and last 8 bytes cannot be told apart by the hash: that node
        // compares each name.
        string[] names = alike ? [.. Names, "abcdefghXXijklmnop", "abcdefghYYijklmnop"] : Names;
        var trie = FieldTrie.Build(names.Select((name, i) => ((RecordField)(i % (int)RecordField.Count), $"root.{name}")));
        var root = trie.Find("root"u8) ?? throw new InvalidOperationException("root not found");
        Assert.Equal(!alike, root.IsHashed);
        var known = names.ToHashSet(StringComparer.Ordinal);

        foreach (var name in names)
        {
            var bytes = Encoding.UTF8.GetBytes(name);
            Assert.Equal($"root.{name}", root.Find(bytes)?.Path);

            // One byte changed at each position, one byte more, one less: found only when that is a tracked name too.
            for (var at = 0; at < bytes.Length; at++)
            {
                var changed = (byte[])bytes.Clone();
                changed[at] ^= 0x01;
                AssertFoundOnlyIfKnown(root, changed, known);
            }

            AssertFoundOnlyIfKnown(root, [.. bytes, (byte)'x'], known);
            if (bytes.Length > 0)
            {
                AssertFoundOnlyIfKnown(root, bytes[..^1], known);
            }
        }

        Assert.Null(root.Find("datacontenttype"u8));
        Assert.Null(trie.Find("data"u8));
    }

    [Fact]
    public void The_record_parsers_paths_are_looked_up_by_hash()
    {
        var parser = new RecordParser();
        foreach (var category in new[] { LogCategory.Config, LogCategory.Kubernetes })
        {
            var trie = FieldTrie.Build(parser.TrackedPaths(category));
            Assert.True(trie.IsHashed);
            Assert.True(trie.Find(category == LogCategory.Config ? "data"u8 : "objectRef"u8)!.IsHashed);
        }
    }

    [Fact]
    public void A_node_with_many_names_still_gives_each_its_own_slot()
    {
        var paths = Enumerable.Range(0, 100).Select(i => (RecordField.Id, $"n{i}")).ToList();
        var trie = FieldTrie.Build(paths);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal($"n{i}", trie.Find(Encoding.UTF8.GetBytes($"n{i}"))?.Path);
        }

        Assert.Null(trie.Find("n100"u8));
        Assert.True(trie.IsHashed);
    }

    private static void AssertFoundOnlyIfKnown(FieldTrie root, byte[] name, HashSet<string> known)
    {
        var found = root.Find(name);
        var text = Encoding.UTF8.GetString(name);
        if (known.Contains(text) && Encoding.UTF8.GetBytes(text).AsSpan().SequenceEqual(name))
        {
            Assert.Equal($"root.{text}", found?.Path);
        }
        else
        {
            Assert.Null(found);
        }
    }
}
