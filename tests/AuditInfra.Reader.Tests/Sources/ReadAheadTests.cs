using AuditInfra.Reader.Generation;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Sources;
using AuditInfra.Reader.Tests.Layout;
using AuditInfra.Reader.Verification;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Sources;

/// <summary>Listing ahead and fetching ahead on the real RGW: the same walk, the same bytes, bounded memory, failures left to the reader.</summary>
public class ReadAheadTests
{
    private static readonly DateOnly First = new(2026, 1, 30);
    private static readonly DateOnly Last = new(2026, 2, 2);

    [Fact]
    public async Task A_walk_listing_folders_side_by_side_gives_the_order_and_partitions_of_a_walk_one_folder_at_a_time()
    {
        await using var bucket = await Where.CreateAsync(Store.Bucket, "walkahead");
        await WriteAsync(bucket, anomalies: true);
        var one = Where.S3Options;
        one.ConcurrentListings = 1;
        await using var s3 = await bucket.OpenAsync();
        await using var plain = await LogSourceFactory.OpenAsync(bucket.Location, one);
        Assert.True(s3.ConcurrentListings > 1);
        Assert.Equal(1, plain.ConcurrentListings);
        var (aheadKeys, aheadPartitions) = await WalkAsync(s3);
        var (plainKeys, plainPartitions) = await WalkAsync(plain);
        Assert.True(plainKeys.Count > 40);
        Assert.Equal(plainKeys, aheadKeys);
        Assert.Equal(plainPartitions, aheadPartitions);

        // A consumer that stops early ends the listings still running; the source can be disposed right after.
        var walker = new DeliveryWalker(s3, new DeliveryLayout());
        await foreach (var _ in walker.WalkAsync(First, Last))
        {
            break;
        }
    }

    [Fact]
    public async Task Objects_fetched_ahead_read_as_they_are_stored_within_the_byte_budget()
    {
        await using var where = await Where.CreateAsync(Store.Bucket, "fetchahead");
        await WriteAsync(where, anomalies: false);
        const long Budget = 64 << 10;
        var options = Where.S3Options;
        options.ReadAheadObjects = 8;
        options.ReadAheadBytes = Budget;
        await using var ahead = (S3LogSource)await LogSourceFactory.OpenAsync(where.Location, options);
        options.ReadAheadObjects = 0;
        await using var plain = await LogSourceFactory.OpenAsync(where.Location, options);

        var objects = await DeliveriesAsync(plain);
        foreach (var item in objects)
        {
            ahead.ReadAhead(item.Info);
        }

        foreach (var item in objects)
        {
            Assert.InRange(ahead.ReadAheadHeldBytes, 0, Budget);
            await using var fetched = await ahead.OpenReadAsync(item.Info);
            Assert.Equal(await ReadAllAsync(await plain.OpenReadAsync(item.Info)), await ReadAllAsync(fetched));
        }

        Assert.Equal(objects.Count, ahead.LightBodiesServed);

        await Poll.UntilAsync(() => Task.FromResult(ahead.ReadAheadHeldBytes == 0), TimeSpan.FromSeconds(10), "read-ahead gives every byte back once its bodies are disposed");
    }

    [Fact]
    public async Task A_fetch_ahead_that_fails_leaves_the_object_to_the_readers_own_open()
    {
        await using var where = await Where.CreateAsync(Store.Bucket, "fetchfault");
        await WriteAsync(where, anomalies: false);
        await using var proxy = await FaultProxy.StartAsync(S3TestServer.Instance.Endpoint);
        var options = Where.S3Options;
        options.Endpoint = proxy.Endpoint;
        await using var source = await LogSourceFactory.OpenAsync(where.Location, options);
        var objects = await DeliveriesAsync(source);
        var victim = objects[3].Key.Key;
        proxy.Add(new FaultRule { Kind = FaultKind.Reset, PathContains = victim[victim.LastIndexOf('/')..], Times = 1 });

        foreach (var item in objects)
        {
            source.ReadAhead(item.Info);
        }

        await Poll.UntilAsync(() => Task.FromResult(proxy.InjectedTotal == 1), TimeSpan.FromSeconds(20), "the fetch ahead of one object is reset");
        var report = await new Verifier(new AuditInfra.Reader.Configuration.ReaderSettings()).RunAsync(source, First, Last);
        Assert.Empty(report.Findings);
        Assert.Equal(objects.Count, report.Summary.Objects);
    }

    private static async Task WriteAsync(Where where, bool anomalies)
    {
        await using var target = where.Target();
        await new DeliveryGenerator(new GeneratorOptions
        {
            From = First,
            To = Last,
            Accounts = 2,
            Clusters = 2,
            Seed = 9,
            EmptyObject = false,
            Anomalies = anomalies ? new HashSet<FindingKind> { FindingKind.UnexpectedObject, FindingKind.MissingDay } : new HashSet<FindingKind>(),
        }).WriteAsync(target);
    }

    private static Task<(List<string> Keys, List<string> Partitions)> WalkAsync(ILogSource source) => Walks.KeysAndPartitionsAsync(source, First, Last);

    private static async Task<List<DeliveryObject>> DeliveriesAsync(ILogSource source)
    {
        var found = new List<DeliveryObject>();
        await foreach (var item in new DeliveryWalker(source, new DeliveryLayout()).WalkAsync(First, Last))
        {
            if (item.Key.Kind == KeyKind.Delivery && item.Info.Size > 0)
            {
                found.Add(item);
            }
        }

        return found;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }
}
