using System.Text;

namespace AuditInfra.Cli;

/// <summary>
/// A write-only stream of UTF-8 bytes that lands as text in a <see cref="TextWriter"/>: what
/// <see cref="CliConsole.OutStream"/> is when the console was given writers (the tests' string writers) rather
/// than the process's streams. A character split across two writes is kept by the decoder until it is whole.
/// </summary>
internal sealed class TextWriterStream : Stream
{
    private readonly TextWriter _writer;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Decoder _decoder = Utf8.GetDecoder();
    private char[] _chars = new char[4096];

    public TextWriterStream(TextWriter writer)
    {
        _writer = writer;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        // The most these bytes (and a character left incomplete by the last write) can decode to, so they are
        // decoded once, not counted first.
        var most = Utf8.GetMaxCharCount(buffer.Length);
        if (_chars.Length < most)
        {
            _chars = new char[Math.Max(most, _chars.Length * 2)];
        }

        var count = _decoder.GetChars(buffer, _chars, flush: false);
        _writer.Write(_chars, 0, count);
    }

    public override void Flush() => _writer.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
