using AuditInfra.Reader.Decoding;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Reading;

/// <summary>
/// The first three pipeline stages for one object: open it from the source, decode gzip lines, parse each
/// record, and hand the results to a visitor. Memory per object is one line buffer, whatever its size, and the
/// decompressed bytes read from one object are capped, so a decompression bomb costs bounded time too.
/// Not thread-safe (it owns a parser); one per worker.
/// </summary>
public sealed class ObjectScanner
{
    /// <summary>
    /// The default cap on decompressed bytes per object: 1 GiB. Delivered objects hold minutes of one account's
    /// events (KB to a few MB); an object past the cap is a decompression bomb or not a delivery, and reading it on
    /// would only cost time (about 5-10 s per GiB per core).
    /// </summary>
    public const long DefaultMaxObjectBytes = 1L << 30;

    /// <summary>
    /// The default cap on malformed lines per object: 10,000. Each costs a parse that fails (with a JSON exception,
    /// ~10-20 µs); 20 M one-byte bad lines fit in a 38 KB object and would cost minutes. An object this broken is
    /// not a delivery, and the lines it has are reported up to the cap.
    /// </summary>
    public const int DefaultMaxMalformedLines = 10_000;

    private readonly RecordParser _parser;
    private readonly ReadLimits _limits;
    private readonly long _maxObjectBytes;
    private readonly int _maxMalformedLines;
    private readonly FieldCoverage? _coverage;
    private readonly FieldCoverage.Tally? _tally;
    private int _malformed;

    /// <param name="paths">Where the undocumented <c>data</c> fields live.</param>
    /// <param name="limits">Line length per stream and JSON depth; longer or deeper lines are reported malformed and skipped.</param>
    /// <param name="maxObjectBytes">Decompressed bytes read from one object at most; past it the object is damaged (<see cref="ObjectDamage.TooLarge"/>).</param>
    /// <param name="maxMalformedLines">Malformed lines reported per object at most; past it the object is damaged (<see cref="ObjectDamage.TooManyMalformedLines"/>).</param>
    public ObjectScanner(
        RecordFieldPaths? paths = null, ReadLimits? limits = null, long maxObjectBytes = DefaultMaxObjectBytes,
        int maxMalformedLines = DefaultMaxMalformedLines)
    {
        _limits = limits ?? ReadLimits.Default;
        _parser = new RecordParser(paths, _limits.MaxJsonDepth);
        _maxObjectBytes = maxObjectBytes;
        _maxMalformedLines = maxMalformedLines;
    }

    /// <summary>A scanner with the limits of <paramref name="options"/>.</summary>
    /// <param name="options">Field paths and limits.</param>
    /// <param name="coverage">Where to count which configured fields the records carried (added once per object); null counts nothing.</param>
    public ObjectScanner(DeliveryReaderOptions options, FieldCoverage? coverage = null)
        : this(options.Fields, options.Limits, options.MaxObjectBytes, options.MaxMalformedLines)
    {
        _coverage = coverage;
        _tally = coverage?.NewTally();
    }

    /// <summary>Reads a delivery object to its end (or its damage) and visits every line.</summary>
    public async Task<ObjectScanResult> ScanAsync(ILogSource source, DeliveryObject item, IRecordVisitor visitor, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ScanCoreAsync(source, item, visitor, cancellationToken);
        }
        finally
        {
            if (_tally is not null)
            {
                _coverage!.Add(_tally);
            }
        }
    }

    private async Task<ObjectScanResult> ScanCoreAsync(ILogSource source, DeliveryObject item, IRecordVisitor visitor, CancellationToken cancellationToken)
    {
        var category = item.Key.Category ?? LogCategory.Config;
        Stream stream;
        try
        {
            stream = await source.OpenReadAsync(item.Info, cancellationToken);
        }
        catch (LogSourceException ex) when (!S3ErrorTranslator.IsEndpointDown(ex))
        {
            // Gone since it was listed, or still failing after the retries: this object could not be read (not
            // evidence that it is damaged). An endpoint that is down altogether ends the run with one access error.
            return new ObjectScanResult(0, 0, 0, new ObjectDecodeException(ObjectDamage.Unreadable, $"could not be opened: {ex.Message}", ex));
        }

        var limit = _limits.LineLimitFor(category);
        // Decoded whole only up to the cap below: past it, streaming stops the object as TooLarge after what it read.
        using var lines = new GzipLineReader(stream, limit.Bytes, Math.Min(GzipLineReader.DefaultMaxWholeObjectBytes, _maxObjectBytes));
        _malformed = 0;
        try
        {
            while (!VisitBuffered(lines, category, limit, visitor))
            {
                // Between batches (at most one decode buffer of lines): a visitor handing records on in parts waits
                // here for room, so memory follows the buffer, not the object.
                await visitor.PauseAsync(cancellationToken);
                if (lines.UncompressedBytes > _maxObjectBytes)
                {
                    throw new ObjectDecodeException(
                        ObjectDamage.TooLarge,
                        $"decompresses to more than {_maxObjectBytes} bytes (the MaxObjectBytes setting); not read past line {lines.LineNumber}");
                }

                await lines.FillAsync(cancellationToken);
            }

            return new ObjectScanResult(lines.LineNumber, lines.CompressedBytes, lines.UncompressedBytes, null);
        }
        catch (ObjectDecodeException ex)
        {
            return new ObjectScanResult(lines.LineNumber, lines.CompressedBytes, lines.UncompressedBytes, ex);
        }
        catch (LogSourceException ex) when (!S3ErrorTranslator.IsEndpointDown(ex))
        {
            // Resuming a broken body failed after the retries.
            var damage = new ObjectDecodeException(ObjectDamage.Unreadable, $"could not be read to its end after {lines.CompressedBytes} stored bytes: {ex.Message}", ex);
            return new ObjectScanResult(lines.LineNumber, lines.CompressedBytes, lines.UncompressedBytes, damage);
        }
    }

    /// <summary>Visits the complete lines decoded so far; true at the end of the object.</summary>
    private bool VisitBuffered(GzipLineReader lines, LogCategory category, (int Bytes, string Setting) limit, IRecordVisitor visitor)
    {
        while (true)
        {
            switch (lines.TryReadLine(out var line))
            {
                case LineRead.Line:
                    // A record starts with '{': only a line starting with blank space needs the whole look.
                    if (line.IsEmpty || ((line[0] is (byte)' ' or (byte)'\t' or (byte)'\r') && line.IndexOfAnyExcept(" \t\r"u8) < 0))
                    {
                        continue; // a blank line (e.g. a trailing one) carries no record
                    }

                    if (_parser.TryParse(line, category, out var record, out var error))
                    {
                        _tally?.Count(record);
                        visitor.OnRecord(record, lines.LineNumber);
                    }
                    else
                    {
                        Malformed(lines, visitor, error!, line, tooLong: false);
                    }

                    break;
                case LineRead.TooLong:
                    Malformed(lines, visitor, $"line longer than {limit.Bytes} bytes (the limit is the {limit.Setting} setting)", default, tooLong: true);
                    break;
                case LineRead.NeedMoreData:
                    return false;
                default:
                    return true;
            }
        }
    }

    private void Malformed(GzipLineReader lines, IRecordVisitor visitor, string reason, ReadOnlySpan<byte> raw, bool tooLong)
    {
        visitor.OnMalformed(lines.LineNumber, reason, raw, tooLong);
        if (++_malformed >= _maxMalformedLines)
        {
            throw new ObjectDecodeException(
                ObjectDamage.TooManyMalformedLines,
                $"{_malformed} malformed lines (the MaxMalformedLines setting); not read past line {lines.LineNumber}");
        }
    }
}
