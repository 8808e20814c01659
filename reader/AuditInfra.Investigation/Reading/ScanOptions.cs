using AuditInfra.Reader.Reading;

namespace AuditInfra.Investigation.Reading;

/// <summary>How the investigation commands read a delivery.</summary>
public sealed class ScanOptions
{
    /// <summary>The reader's layout and parsing settings (custom path, field paths, line limit).</summary>
    public DeliveryReaderOptions Reader { get; set; } = new();

    /// <summary>Objects read at the same time; results are still handed on in order.</summary>
    public int Parallelism { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// Days listed at once. Objects of a chunk are sorted by (day, key) before reading, so records arrive day by
    /// day across streams and accounts. Two chunks' listings are held in memory: the one being read and the next.
    /// </summary>
    public int ChunkDays { get; set; } = 7;
}
