using System.Text;
using AuditInfra.Reader.Decoding;

namespace AuditInfra.Reader.Tests.Decoding;

public class GzipLineReaderTests
{
    [Fact]
    public async Task Reads_lines_across_chunks_and_strips_carriage_returns()
    {
        var text = string.Concat(Enumerable.Range(1, 50_000).Select(i => $"line {i}\r\n"));
        var (lines, result) = await ReadAllAsync(Gz.Compress(text));
        Assert.Null(result);
        Assert.Equal(50_000, lines.Count);
        Assert.Equal("line 1", lines[0]);
        Assert.Equal("line 50000", lines[^1]);
    }

    [Fact]
    public async Task Last_line_without_newline_is_returned()
    {
        var (lines, result) = await ReadAllAsync(Gz.Compress("a\nb"));
        Assert.Null(result);
        Assert.Equal(["a", "b"], lines);
    }

    [Fact]
    public async Task Empty_object_and_empty_gzip_are_not_damage()
    {
        Assert.Null((await ReadAllAsync([])).Damage);
        var (lines, damage) = await ReadAllAsync(Gz.Compress(string.Empty));
        Assert.Null(damage);
        Assert.Empty(lines);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(500)]
    public async Task Truncated_gzip_is_reported_as_truncated(int cut)
    {
        var full = Gz.Compress(string.Concat(Enumerable.Range(1, 2000).Select(i => $"{{\"n\":{i},\"pad\":\"{Guid.NewGuid()}\"}}\n")));
        var (_, damage) = await ReadAllAsync(full[..^cut]);
        Assert.NotNull(damage);
        Assert.Equal(ObjectDamage.Truncated, damage.Damage);
        Assert.Contains("truncated", damage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_gzip_members_read_as_one_stream_even_with_a_line_split_between_them()
    {
        // A big first member (many reads), a line cut across the member boundary, and an empty member at the end.
        var big = string.Concat(Enumerable.Range(1, 40_000).Select(i => $"{{\"n\":{i},\"pad\":\"{Guid.NewGuid()}\"}}\n"));
        var data = Gz.Members(big + "{\"split\":", "\"line\"}\nsecond-to-last\n", "last\n", string.Empty);
        var (lines, damage) = await ReadAllAsync(data);
        Assert.Null(damage);
        Assert.Equal(40_003, lines.Count);
        Assert.Equal("{\"split\":\"line\"}", lines[40_000]);
        Assert.Equal("last", lines[^1]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(20)]
    public async Task A_member_cut_short_is_still_damage_wherever_it_is(int cut)
    {
        var first = Gz.Compress(string.Concat(Enumerable.Range(1, 3000).Select(i => $"{{\"n\":{i},\"pad\":\"{Guid.NewGuid()}\"}}\n")));
        var second = Gz.Compress(string.Concat(Enumerable.Range(1, 500).Select(i => $"{{\"m\":{i},\"pad\":\"{Guid.NewGuid()}\"}}\n")));
        var last = Gz.Compress("tail line\n");
        Assert.True(last.Length > cut + 1);

        // The last member cut short.
        var (_, damage) = await ReadAllAsync([.. first, .. second, .. last[..^cut]]);
        Assert.Equal(ObjectDamage.Truncated, damage?.Damage);

        // A member in the middle cut short, the next one whole after it.
        (_, damage) = await ReadAllAsync([.. first, .. second[..^cut], .. last]);
        Assert.NotNull(damage);
    }

    [Fact]
    public async Task A_byte_order_mark_at_the_start_of_the_object_is_skipped_and_only_there()
    {
        var (lines, damage) = await ReadAllAsync(Gz.Compress("\uFEFF{\"a\":1}\n\uFEFF{\"b\":2}\n"));
        Assert.Null(damage);
        Assert.Equal(["{\"a\":1}", "\uFEFF{\"b\":2}"], lines);

        // Split over two members, the mark is still recognised; an object that is only a mark has no lines.
        (lines, _) = await ReadAllAsync(Gz.Members("\uFEFF", "x\n"));
        Assert.Equal(["x"], lines);
        (lines, damage) = await ReadAllAsync(Gz.Compress("\uFEFF"));
        Assert.Null(damage);
        Assert.Empty(lines);
    }

    [Fact]
    public async Task Gzip_header_alone_is_truncated()
    {
        var (_, damage) = await ReadAllAsync(Gz.Compress("hello\n")[..5]);
        Assert.Equal(ObjectDamage.Truncated, damage!.Damage);
    }

    [Fact]
    public async Task Plain_text_named_gz_is_corrupt()
    {
        var (_, damage) = await ReadAllAsync(Encoding.UTF8.GetBytes("{\"specversion\":\"1.0\"}\n"));
        Assert.Equal(ObjectDamage.Corrupt, damage!.Damage);
        Assert.Contains("not gzip", damage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Random_bytes_are_corrupt()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        var (_, damage) = await ReadAllAsync(bytes);
        Assert.Equal(ObjectDamage.Corrupt, damage!.Damage);
    }

    [Fact]
    public async Task Damaged_checksum_is_corrupt()
    {
        var data = Gz.Compress("one\ntwo\nthree\n");
        data[^6] ^= 0xff;
        var (_, damage) = await ReadAllAsync(data);
        Assert.Equal(ObjectDamage.Corrupt, damage!.Damage);
    }

    [Fact]
    public async Task A_ten_megabyte_line_is_skipped_within_the_limit_and_reading_goes_on()
    {
        var text = "first\n" + new string('x', 10 * 1024 * 1024) + "\nlast\n";
        using var reader = new GzipLineReader(new MemoryStream(Gz.Compress(text)), maxLineBytes: 64 * 1024);
        var seen = new List<(LineRead, long, string)>();
        await LineDrain.ReadAllAsync(reader, (status, line) => seen.Add((status, reader.LineNumber, Encoding.UTF8.GetString(line))));

        Assert.Equal([(LineRead.Line, 1L, "first"), (LineRead.TooLong, 2L, string.Empty), (LineRead.Line, 3L, "last")], seen);
        Assert.Equal(text.Length, reader.UncompressedBytes);
    }

    internal static async Task<(List<string> Lines, ObjectDecodeException? Damage)> ReadAllAsync(byte[] data)
    {
        using var reader = new GzipLineReader(new MemoryStream(data));
        var lines = new List<string>();
        try
        {
            await LineDrain.ReadAllAsync(reader, (_, line) => lines.Add(Encoding.UTF8.GetString(line)));
            return (lines, null);
        }
        catch (ObjectDecodeException ex)
        {
            return (lines, ex);
        }
    }
}
