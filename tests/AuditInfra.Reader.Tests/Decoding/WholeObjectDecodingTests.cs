using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using AuditInfra.Reader.Decoding;

namespace AuditInfra.Reader.Tests.Decoding;

/// <summary>
/// The whole-object path (libdeflate) against the streaming path (GZipStream) over the same bytes: every line, line
/// number, byte count and damage (kind and message) must be the same, for valid, odd and damaged objects, read from
/// memory (in place or copied) and from a local file.
/// </summary>
public sealed class WholeObjectDecodingTests : IDisposable
{
    private const int MaxLine = 64;
    private readonly string _folder = Directory.CreateTempSubdirectory("whole-decoding-").FullName;

    public enum Source
    {
        ExposedMemory,
        HiddenMemory,
        File,
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [LibDeflateFact]
    public async Task A_valid_object_is_decoded_whole_from_memory_and_from_a_file()
    {
        // Without this the speed-up could vanish silently (a binding broken, a condition never met).
        var data = Gz.Compress(Records(3000));
        foreach (var source in Enum.GetValues<Source>())
        {
            var fast = await ReadAsync(data, source, GzipLineReader.DefaultMaxWholeObjectBytes);
            Assert.True(fast.Whole, $"{source}: {LibDeflate.Status}");
            Assert.Null(fast.Damage);
            Assert.Equal(3000, fast.LastLine);
        }
    }

    [LibDeflateFact]
    public async Task Objects_over_the_caps_stream()
    {
        var text = Records(3000);
        var data = Gz.Compress(text);
        var capped = await ReadAsync(data, Source.File, Encoding.UTF8.GetByteCount(text) - 1);
        Assert.False(capped.Whole);
        Assert.Null(capped.Damage);
        var exact = await ReadAsync(data, Source.File, Encoding.UTF8.GetByteCount(text));
        Assert.True(exact.Whole);
        Assert.Equal(capped.Transcript, exact.Transcript);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(5000)]
    [InlineData(-8)]
    public async Task A_read_that_fails_part_way_is_unreadable_after_the_same_bytes_and_lines(int failAt)
    {
        var data = Gz.Compress(Records(3000));
        var at = failAt < 0 ? data.Length + failAt : failAt;
        Outcome Read(long maxWholeObjectBytes) => ReadAsync(new FailingFileStream(WriteFile(data), at), maxWholeObjectBytes).GetAwaiter().GetResult();

        var streamed = Read(maxWholeObjectBytes: 0);
        var fast = Read(GzipLineReader.DefaultMaxWholeObjectBytes);
        Assert.StartsWith($"Unreadable: could not be read to its end after {at} stored bytes", streamed.Damage, StringComparison.Ordinal);
        Assert.False(fast.Whole);
        Assert.Equal(streamed.Damage, fast.Damage);
        Assert.Equal(streamed.Transcript, fast.Transcript);
        Assert.Equal(streamed.Counts, fast.Counts);
    }

    public static TheoryData<string> Cases() => [.. Inputs().Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Both_paths_report_the_same(string name)
    {
        var data = Inputs()[name];
        var streamed = await ReadAsync(data, Source.HiddenMemory, maxWholeObjectBytes: 0);
        Assert.False(streamed.Whole);
        foreach (var source in Enum.GetValues<Source>())
        {
            var fast = await ReadAsync(data, source, GzipLineReader.DefaultMaxWholeObjectBytes);
            Assert.Equal(streamed.Transcript, fast.Transcript);
            Assert.Equal(streamed.Damage, fast.Damage);
            Assert.Equal(streamed.Counts, fast.Counts);
        }
    }

    [Fact]
    public async Task Agreement_over_every_cut_and_flipped_byte_of_a_small_object()
    {
        var data = Gz.Compress("{\"a\":1}\r\n\uFEFF{\"b\":2}\n" + new string('x', 70) + "\nlast");
        for (var i = 0; i <= data.Length; i++)
        {
            await AssertSameAsync(data[..i], $"cut at {i}");
            if (i < data.Length)
            {
                foreach (var mask in new byte[] { 0x01, 0x80, 0xff })
                {
                    var flipped = data.ToArray();
                    flipped[i] ^= mask;
                    await AssertSameAsync(flipped, $"byte {i} ^ 0x{mask:x2}");
                }
            }
        }
    }

    [Fact]
    public async Task Agreement_over_cuts_and_flips_spread_over_a_large_object()
    {
        var data = Gz.Compress(Records(5000));
        for (var i = 0; i < data.Length; i += data.Length / 97)
        {
            await AssertSameAsync(data[..i], $"cut at {i}");
            var flipped = data.ToArray();
            flipped[i] ^= 0x10;
            await AssertSameAsync(flipped, $"byte {i} flipped");
        }

        for (var i = data.Length - 8; i < data.Length; i++)
        {
            await AssertSameAsync(data[..i], $"cut at {i}");
            var flipped = data.ToArray();
            flipped[i] ^= 0x01;
            await AssertSameAsync(flipped, $"trailer byte {i} flipped");
        }
    }

    private async Task AssertSameAsync(byte[] data, string what)
    {
        var streamed = await ReadAsync(data, Source.HiddenMemory, maxWholeObjectBytes: 0);
        var fast = await ReadAsync(data, Source.ExposedMemory, GzipLineReader.DefaultMaxWholeObjectBytes);
        Assert.True(streamed.Transcript == fast.Transcript && streamed.Damage == fast.Damage && streamed.Counts == fast.Counts, $"{what}: streamed {streamed}, whole {fast}");
    }

    private static Dictionary<string, byte[]> Inputs()
    {
        var records = Records(2000);
        var valid = Gz.Compress(records);
        var bomb = Gz.Compress(new byte[40 << 20]);
        var random = new byte[4096];
        new Random(11).NextBytes(random);
        return new()
        {
            ["valid"] = valid,
            ["crlf"] = Gz.Compress(records.Replace("\n", "\r\n", StringComparison.Ordinal)),
            ["bom"] = Gz.Compress("\uFEFF" + records),
            ["bom only"] = Gz.Compress("\uFEFF"),
            ["no final newline"] = Gz.Compress(records + "{\"last\":true}"),
            ["lines around the limit"] = Gz.Compress(string.Concat(
                from length in new[] { MaxLine - 1, MaxLine, MaxLine + 1, MaxLine + 2 }
                from end in new[] { "\n", "\r\n", "\r\r\n" }
                select new string('y', length) + end)),
            ["last line of the limit and a carriage return"] = Gz.Compress("a\n" + new string('z', MaxLine) + "\r"),
            ["last line over the limit"] = Gz.Compress("a\n" + new string('z', MaxLine + 1)),
            ["last line far over the limit"] = Gz.Compress("a\n" + new string('z', 100_000)),
            ["a line over a read chunk"] = Gz.Compress("a\n" + new string('w', 300_000) + "\nb\n"),
            ["empty object"] = [],
            ["empty member"] = Gz.Compress(string.Empty),
            ["two members"] = Gz.Members(records, "{\"second\":1}\n"),
            ["member then empty member"] = Gz.Members(records, string.Empty),
            ["empty member then member"] = Gz.Members(string.Empty, records),
            ["trailing zero byte"] = [.. valid, 0],
            ["trailing zeros"] = [.. valid, .. new byte[64]],
            ["trailing garbage"] = [.. valid, .. random[..30]],
            ["trailing gzip magic"] = [.. valid, 0x1f, 0x8b],
            ["trailing header"] = [.. valid, .. valid[..10]],
            ["ISIZE one short"] = WithSize(valid, Size(valid) - 1),
            ["ISIZE one over"] = WithSize(valid, Size(valid) + 1),
            ["ISIZE 1"] = WithSize(valid, 1),
            ["ISIZE 0"] = WithSize(valid, 0),
            ["ISIZE at the cap"] = WithSize(valid, (uint)GzipLineReader.DefaultMaxWholeObjectBytes),
            ["ISIZE 4 GiB - 1"] = WithSize(valid, uint.MaxValue),
            ["bomb over the cap"] = bomb,
            ["bomb claiming 100 bytes"] = WithSize(bomb, 100),
            ["header CRC right"] = WithHeaderCrc(valid, damaged: false),
            ["header CRC wrong"] = WithHeaderCrc(valid, damaged: true),
            ["reserved flag"] = WithFlag(valid, 0x20),
            ["plain text"] = Encoding.UTF8.GetBytes(records),
            ["random bytes"] = random,
            ["17 bytes"] = valid[..17],
            ["18 bytes of header and zeros"] = [.. valid[..10], .. new byte[8]],
        };
    }

    private static string Records(int count) =>
        string.Concat(Enumerable.Range(1, count).Select(i => $"{{\"n\":{i},\"pad\":\"{(i * 7919) % 10007:x8}{new string('p', i % 97)}\"}}\n"));

    private static uint Size(byte[] gzip) => BinaryPrimitives.ReadUInt32LittleEndian(gzip.AsSpan(gzip.Length - 4));

    private static byte[] WithSize(byte[] gzip, uint size)
    {
        var copy = gzip.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(copy.Length - 4), size);
        return copy;
    }

    private static byte[] WithFlag(byte[] gzip, byte flag)
    {
        var copy = gzip.ToArray();
        copy[3] |= flag;
        return copy;
    }

    /// <summary>The member with FHCRC set and the header's CRC16 (low half of its CRC32, RFC 1952 §2.3.1) after the 10-byte header.</summary>
    private static byte[] WithHeaderCrc(byte[] gzip, bool damaged)
    {
        var header = gzip[..10];
        Assert.Equal(0, header[3]); // GZipStream writes no optional fields
        header[3] = 0x02;
        var crc = (ushort)(Crc32.HashToUInt32(header) ^ (damaged ? 1u : 0u));
        var field = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(field, crc);
        return [.. header, .. field, .. gzip[10..]];
    }

    private Task<Outcome> ReadAsync(byte[] data, Source source, long maxWholeObjectBytes) =>
        ReadAsync(
            source switch
            {
                Source.ExposedMemory => new MemoryStream(data, 0, data.Length, writable: false, publiclyVisible: true),
                Source.HiddenMemory => new MemoryStream(data, writable: false),
                _ => OpenFile(WriteFile(data)),
            },
            maxWholeObjectBytes);

    private static async Task<Outcome> ReadAsync(Stream stream, long maxWholeObjectBytes)
    {
        using var reader = new GzipLineReader(stream, MaxLine, maxWholeObjectBytes);
        var transcript = new StringBuilder();
        string? damage = null;
        try
        {
            await LineDrain.ReadAllAsync(reader, (status, line) =>
                transcript.Append(reader.LineNumber).Append(' ').Append(status).Append(' ').Append(Convert.ToHexString(line)).Append('\n'));
        }
        catch (ObjectDecodeException ex)
        {
            damage = $"{ex.Damage}: {ex.Message}";
        }

        return new Outcome(transcript.ToString(), damage, $"line {reader.LineNumber}, {reader.CompressedBytes} stored, {reader.UncompressedBytes} decoded", reader.DecodedWhole, reader.LineNumber);
    }

    private string WriteFile(byte[] data)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():n}.json.gz");
        File.WriteAllBytes(path, data);
        return path;
    }

    // As the folder source opens it (Sources/FolderLogSource.cs).
    private static FileStream OpenFile(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);

    /// <summary>
    /// A local file with a bad spot at byte <c>failAt</c>: a read that reaches it returns the bytes before it, the next
    /// one fails with an I/O error (as EIO from a failing disk does); reads past it work. The one fault here that a
    /// real file cannot be made to produce on demand.
    /// </summary>
    private sealed class FailingFileStream(string path, long failAt) : FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan)
    {
        // A FileStream subclass gets every read here, span reads included (FileStream routes them to this overload).
        public override int Read(byte[] buffer, int offset, int count)
        {
            var position = Position;
            if (position <= failAt && position + count > failAt)
            {
                if (position == failAt)
                {
                    throw new IOException("Input/output error");
                }

                count = (int)(failAt - position);
            }

            return base.Read(buffer, offset, count);
        }
    }

    private sealed record Outcome(string Transcript, string? Damage, string Counts, bool Whole, long LastLine)
    {
        public override string ToString() => $"{Counts}, {Damage ?? "no damage"}, whole: {Whole}";
    }
}
