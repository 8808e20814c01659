using System.Runtime.CompilerServices;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Reading;

/// <summary>
/// Reads the records of a delivery in a date range, in key order, each with its object and line number: the
/// entry point for query, export, sync and detect. Objects are streamed one at a time; lines that are not
/// valid records and objects that cannot be read are skipped and passed to <c>onProblem</c>.
/// </summary>
public sealed class DeliveryReader
{
    private readonly ILogSource _source;
    private readonly DeliveryReaderOptions _options;

    public DeliveryReader(ILogSource source, DeliveryReaderOptions? options = null)
    {
        _source = source;
        _options = options ?? new DeliveryReaderOptions();
    }

    public ILogSource Source => _source;

    /// <summary>The delivery objects (kind <see cref="KeyKind.Delivery"/>) whose day is in the range, in listing order.</summary>
    public async IAsyncEnumerable<DeliveryObject> ListObjectsAsync(DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var walker = new DeliveryWalker(_source, new DeliveryLayout(_options.Path));
        await foreach (var item in walker.WalkAsync(from, to, cancellationToken))
        {
            if (item.Key.Kind == KeyKind.Delivery)
            {
                yield return item;
            }
        }
    }

    /// <summary>Every valid record of every delivery object in the range.</summary>
    public async IAsyncEnumerable<DeliveryRecord> ReadRecordsAsync(
        DateOnly from, DateOnly to, Action<DeliveryProblem>? onProblem = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var scanner = new ObjectScanner(_options);
        await foreach (var item in ListObjectsAsync(from, to, cancellationToken))
        {
            await foreach (var record in ReadObjectAsync(item, scanner, onProblem, cancellationToken))
            {
                yield return record;
            }
        }
    }

    /// <summary>The valid records of one object.</summary>
    public IAsyncEnumerable<DeliveryRecord> ReadObjectAsync(DeliveryObject item, Action<DeliveryProblem>? onProblem = null, CancellationToken cancellationToken = default) =>
        ReadObjectAsync(item, new ObjectScanner(_options), onProblem, cancellationToken);

    private async IAsyncEnumerable<DeliveryRecord> ReadObjectAsync(
        DeliveryObject item, ObjectScanner scanner, Action<DeliveryProblem>? onProblem, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // An object is a few KB in practice; records are collected per object so the scan stays synchronous inside.
        var collector = new Collector(item, onProblem);
        var result = await scanner.ScanAsync(_source, item, collector, cancellationToken);
        if (result.Damage is { } damage)
        {
            onProblem?.Invoke(new DeliveryProblem(item, null, damage.Message));
        }

        foreach (var record in collector.Records)
        {
            yield return record;
        }
    }

    private sealed class Collector(DeliveryObject item, Action<DeliveryProblem>? onProblem) : IRecordVisitor
    {
        public List<DeliveryRecord> Records { get; } = [];

        public void OnRecord(in ParsedRecord record, long line) => Records.Add(new DeliveryRecord(item, line, record.ToAuditRecord()));

        public void OnMalformed(long line, string reason) => onProblem?.Invoke(new DeliveryProblem(item, line, reason));
    }
}
