using AuditInfra.Reader.Decoding;
using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Reading;

/// <summary>How deliveries are laid out and parsed; shared by verify, query, export, sync and detect.</summary>
public sealed class DeliveryReaderOptions
{
    /// <summary>The destination's custom <c>path</c>, or null for Akamai's default key layout.</summary>
    public string? Path { get; set; }

    /// <summary>Where the undocumented <c>data</c> fields live.</summary>
    public RecordFieldPaths Fields { get; set; } = new();

    /// <summary>Longer lines are reported malformed and skipped without being held in memory.</summary>
    public int MaxLineBytes { get; set; } = GzipLineReader.DefaultMaxLineBytes;
}
