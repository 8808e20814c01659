using System.Text.Json;

namespace AuditInfra.Investigation.Sync;

/// <summary>
/// Where sync keeps what it read but could not deliver, so nothing read is dropped without a trace: one JSON object
/// per line, <c>{"object": key, "line": n|null, "reason": text, "raw": text}</c> — <c>raw</c> is the delivered line as
/// text, or <c>rawBase64</c> when it is not valid UTF-8; both are absent when the bytes were not kept (a line over
/// MaxLineBytes, or an object given up as a whole). Appended like the output and made durable before the checkpoint;
/// a run killed before its checkpoint is cut back to the checkpoint's length, so each entry is written once.
/// </summary>
public sealed class QuarantineFile : IDisposable
{
    private readonly string _path;
    private FileStream? _stream;
    private long _length;

    /// <summary>Opens (lazily: no file until something is quarantined) and cuts off what a killed run left after <paramref name="checkpointLength"/>.</summary>
    public QuarantineFile(string path, long? checkpointLength)
    {
        _path = path;
        _length = File.Exists(path) ? new FileInfo(path).Length : 0;
        if (checkpointLength is { } kept && _length > kept)
        {
            using var stream = Open();
            stream.SetLength(kept);
            stream.Flush(flushToDisk: true);
            _length = kept;
        }
    }

    public string Path => _path;

    /// <summary>Entries written by this run.</summary>
    public long Written { get; private set; }

    /// <summary>The file's length so far (what the checkpoint records).</summary>
    public long Length => _length;

    public void Add(string objectKey, long? line, string reason, byte[]? raw)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps a quarantined line readable (quotes stay quotes); control characters are still escaped.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("object", objectKey);
            if (line is { } number)
            {
                json.WriteNumber("line", number);
            }
            else
            {
                json.WriteNull("line");
            }

            json.WriteString("reason", reason);
            if (raw is not null)
            {
                if (System.Text.Unicode.Utf8.IsValid(raw))
                {
                    json.WriteString("raw", raw);
                }
                else
                {
                    json.WriteBase64String("rawBase64", raw);
                }
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        _stream ??= Open();
        _stream.Seek(0, SeekOrigin.End);
        _stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        _length += buffer.Length;
        Written++;
    }

    /// <summary>Takes back the entries added since the file was <paramref name="length"/> long and <paramref name="written"/> entries had been added (an object that failed after all).</summary>
    public void Truncate(long length, long written)
    {
        if (_length == length)
        {
            return;
        }

        _stream!.Flush();
        _stream.SetLength(length);
        _length = length;
        Written = written;
    }

    /// <summary>fsyncs what was added; returns the length the checkpoint should record.</summary>
    public long MakeDurable()
    {
        _stream?.Flush(flushToDisk: true);
        return _length;
    }

    public void Dispose() => _stream?.Dispose();

    private FileStream Open()
    {
        try
        {
            return new FileStream(_path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvestigationException($"quarantine file {_path} cannot be written: {ex.Message}", ex);
        }
    }
}
