namespace AuditInfra.Investigation.Sorting;

/// <summary>
/// A temporary file only this process can read, gone when the process ends however it ends. It is created with
/// mode 0600 in the temporary folder and, on Unix, unlinked at once: the data lives only as long as the open handle,
/// so Ctrl-C, a crash or a kill leave nothing behind (on Windows, the file is deleted when the handle closes).
/// Sorted runs are appended with <see cref="Append"/> and read back, each independently, with <see cref="OpenRun"/>.
/// </summary>
public sealed class SpillFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly BinaryWriter _writer;

    public SpillFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"auditinfra-spill-{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None,
            BufferSize = 1 << 16,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        _stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            File.Delete(path);
        }

        _writer = new BinaryWriter(_stream);
    }

    /// <summary>Bytes written so far.</summary>
    public long Length => _stream.Position;

    /// <summary>Writes one run through <paramref name="write"/>; returns where it lies in the file.</summary>
    public (long Offset, long Length) Append(Action<BinaryWriter> write)
    {
        var start = _stream.Position;
        write(_writer);
        _writer.Flush();
        return (start, _stream.Position - start);
    }

    /// <summary>A reader of one run, with its own position and a buffer of <paramref name="bufferSize"/> bytes.</summary>
    public BinaryReader OpenRun((long Offset, long Length) run, int bufferSize) =>
        new(new BufferedStream(new RunStream(_stream.SafeFileHandle, run.Offset, run.Length), bufferSize));

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }

    /// <summary>A read-only window on the file, read with positional reads so runs do not share a file position.</summary>
    private sealed class RunStream(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset1, int count) => Read(buffer.AsSpan(offset1, count));

        public override int Read(Span<byte> buffer)
        {
            var left = length - _position;
            if (left <= 0)
            {
                return 0;
            }

            var read = RandomAccess.Read(handle, buffer[..(int)Math.Min(buffer.Length, left)], offset + _position);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset1, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset1, int count) => throw new NotSupportedException();
    }
}
