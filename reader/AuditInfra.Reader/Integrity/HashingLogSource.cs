using System.Collections.Concurrent;
using System.Security.Cryptography;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Integrity;

/// <summary>
/// A log source that hashes what its readers read: every stream it opens feeds a SHA-256 of the stored bytes, and
/// when a reader reaches the end the hash and byte count are kept by key. That is how <c>seal</c> and
/// <c>verify --integrity</c> hash each object during the one read the pipeline does anyway. A reader that stops early
/// (a damaged object) leaves no entry; the caller then hashes that object on its own (<see cref="HashWholeAsync"/>).
/// </summary>
public sealed class HashingLogSource : ILogSource
{
    private readonly ConcurrentDictionary<string, ObjectHash> _hashes = new(StringComparer.Ordinal);

    public HashingLogSource(ILogSource inner)
    {
        Inner = inner;
    }

    public ILogSource Inner { get; }

    public string Description => Inner.Description;

    /// <summary>Objects hashed to their end so far, by key.</summary>
    public IReadOnlyDictionary<string, ObjectHash> Hashes => _hashes;

    public IAsyncEnumerable<LogListEntry> ListAsync(string prefix, bool recursive, CancellationToken cancellationToken = default) =>
        Inner.ListAsync(prefix, recursive, cancellationToken);

    public int ConcurrentListings => Inner.ConcurrentListings;

    public void ReadAhead(LogObjectInfo item) => Inner.ReadAhead(item);

    public async Task<Stream> OpenReadAsync(LogObjectInfo item, CancellationToken cancellationToken = default) =>
        new HashingStream(await Inner.OpenReadAsync(item, cancellationToken), hash => _hashes[item.Key] = hash);

    /// <summary>Reads an object to its end only to hash it (used when the pipeline's read stopped early), and keeps the result.</summary>
    public async Task<ObjectHash> HashWholeAsync(LogObjectInfo item, CancellationToken cancellationToken = default)
    {
        ObjectHash? result = null;
        await using (var stream = new HashingStream(await Inner.OpenReadAsync(item, cancellationToken), hash => result = hash))
        {
            await stream.CopyToAsync(Stream.Null, cancellationToken);
        }

        _hashes[item.Key] = result!;
        return result!;
    }

    /// <summary>Does nothing: the inner source belongs to whoever opened it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A read-only pass-through that hashes every byte and reports once it has seen the end.</summary>
    private sealed class HashingStream(Stream inner, Action<ObjectHash> onEnd) : Decoding.ReadOnlyForwardStream
    {
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _bytes;
        private bool _ended;

        protected override long BytesSoFar => _bytes;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => Seen(buffer, inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            // Local files are read synchronously, as the line reader does with a bare FileStream: on Linux an async
            // FileStream read is a thread-pool hop per chunk.
            var read = inner is FileStream or MemoryStream ? inner.Read(buffer.Span) : await inner.ReadAsync(buffer, cancellationToken);
            return Seen(buffer.Span, read);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                _sha.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Seen(ReadOnlySpan<byte> buffer, int read)
        {
            if (read > 0)
            {
                _sha.AppendData(buffer[..read]);
                _bytes += read;
            }
            else if (read == 0 && buffer.Length > 0 && !_ended)
            {
                _ended = true;
                onEnd(new ObjectHash(Convert.ToHexStringLower(_sha.GetHashAndReset()), _bytes));
            }

            return read;
        }
    }
}
