using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Reading;

/// <summary>Receives the lines of one object as <see cref="ObjectScanner"/> reads them (synchronously, in line order).</summary>
public interface IRecordVisitor
{
    /// <summary>A valid record. <paramref name="record"/> is only valid during the call.</summary>
    void OnRecord(in ParsedRecord record, long line);

    /// <summary>A line that is not a valid record; <paramref name="reason"/> says why.</summary>
    void OnMalformed(long line, string reason);

    /// <summary>
    /// Called between batches of lines, before more data is decompressed: a visitor that hands records on while the
    /// object is still being read may wait here for its consumer. Most visitors need not implement it.
    /// </summary>
    ValueTask PauseAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// A line that is not a valid record, with its bytes (only valid during the call; empty when <paramref name="tooLong"/>, as a line over
    /// the limit is skipped unread). Visitors that keep skipped lines (sync's quarantine) override this one.
    /// </summary>
    void OnMalformed(long line, string reason, ReadOnlySpan<byte> raw, bool tooLong) => OnMalformed(line, reason);
}
