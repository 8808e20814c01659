namespace AuditInfra.Reader.Decoding;

/// <summary>What <see cref="GzipLineReader.TryReadLine"/> produced.</summary>
public enum LineRead
{
    /// <summary>A complete line (without its line break) is in the out span.</summary>
    Line,

    /// <summary>The line exceeded the limit; it was skipped to its end and counts as one (malformed) line.</summary>
    TooLong,

    /// <summary>Call <see cref="GzipLineReader.FillAsync"/> and try again.</summary>
    NeedMoreData,

    /// <summary>The object was read to its end and its gzip trailer checked.</summary>
    End,
}
