using AuditInfra.Reader.Decoding;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Reading;

/// <summary>
/// The first three pipeline stages for one object: open it from the source, decode gzip lines, parse each
/// record, and hand the results to a visitor. Memory per object is one line buffer, whatever its size.
/// Not thread-safe (it owns a parser); one per worker.
/// </summary>
public sealed class ObjectScanner
{
    private readonly RecordParser _parser;
    private readonly int _maxLineBytes;

    public ObjectScanner(RecordFieldPaths? paths = null, int maxLineBytes = GzipLineReader.DefaultMaxLineBytes)
    {
        _parser = new RecordParser(paths);
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>Reads a delivery object to its end (or its damage) and visits every line.</summary>
    public async Task<ObjectScanResult> ScanAsync(ILogSource source, DeliveryObject item, IRecordVisitor visitor, CancellationToken cancellationToken = default)
    {
        var category = item.Key.Category ?? LogCategory.Config;
        Stream stream;
        try
        {
            stream = await source.OpenReadAsync(item.Info, cancellationToken);
        }
        catch (LogSourceException ex)
        {
            // Gone since it was listed, or still failing after the retries: a finding about this object. If the
            // whole source is unreachable, listing fails too and the run stops with that error.
            return new ObjectScanResult(0, 0, 0, new ObjectDecodeException(ObjectDamage.Unreadable, $"could not be opened: {ex.Message}", ex));
        }

        using var lines = new GzipLineReader(stream, _maxLineBytes);
        try
        {
            while (!VisitBuffered(lines, category, visitor))
            {
                await lines.FillAsync(cancellationToken);
            }

            return new ObjectScanResult(lines.LineNumber, lines.CompressedBytes, lines.UncompressedBytes, null);
        }
        catch (ObjectDecodeException ex)
        {
            return new ObjectScanResult(lines.LineNumber, lines.CompressedBytes, lines.UncompressedBytes, ex);
        }
        catch (LogSourceException ex)
        {
            // Resuming a broken body failed after the retries.
            var damage = new ObjectDecodeException(ObjectDamage.Unreadable, $"could not be read to its end after {lines.CompressedBytes} stored bytes: {ex.Message}", ex);
            return new ObjectScanResult(lines.LineNumber, lines.CompressedBytes, lines.UncompressedBytes, damage);
        }
    }

    /// <summary>Visits the complete lines decoded so far; true at the end of the object.</summary>
    private bool VisitBuffered(GzipLineReader lines, LogCategory category, IRecordVisitor visitor)
    {
        while (true)
        {
            switch (lines.TryReadLine(out var line))
            {
                case LineRead.Line:
                    if (line.IndexOfAnyExcept(" \t\r"u8) < 0)
                    {
                        continue; // a blank line (e.g. a trailing one) carries no record
                    }

                    if (_parser.TryParse(line, category, out var record, out var error))
                    {
                        visitor.OnRecord(record, lines.LineNumber);
                    }
                    else
                    {
                        visitor.OnMalformed(lines.LineNumber, error!);
                    }

                    break;
                case LineRead.TooLong:
                    visitor.OnMalformed(lines.LineNumber, $"line longer than {_maxLineBytes} bytes (the limit is the MaxLineBytes setting)");
                    break;
                case LineRead.NeedMoreData:
                    return false;
                default:
                    return true;
            }
        }
    }
}
