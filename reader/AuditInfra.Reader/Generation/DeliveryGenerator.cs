using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using AuditInfra.Reader.Catalog;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Verification;

namespace AuditInfra.Reader.Generation;

/// <summary>
/// Writes a realistic synthetic delivery — Akamai's keys and file names, gzip JSON Lines, config, sign-in and LKE
/// files, probe objects — with a seed, a day range, a volume and optional injected anomalies (each exactly once).
/// Objects are built and written in parallel, each from its own seeded random, so output does not depend on timing.
/// </summary>
public sealed class DeliveryGenerator
{
    private const string UnknownCode = "post-teleport-linode";
    private readonly GeneratorOptions _options;
    private readonly EventCatalog _catalog;

    public DeliveryGenerator(GeneratorOptions options, EventCatalog? catalog = null)
    {
        Validate(options);
        _options = options;
        _catalog = catalog ?? EventCatalog.Default;
    }

    public async Task<GenerationResult> WriteAsync(IDeliveryTarget target, CancellationToken cancellationToken = default)
    {
        var master = new Random(_options.Seed);
        var plans = Plan(master, out var injected, out var extras);
        long records = 0, stored = 0, uncompressed = 0;
        await Parallel.ForEachAsync(
            plans,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (plan, ct) =>
            {
                var (body, raw) = Build(plan);
                await target.WriteAsync(plan.Key, body, ct);
                Interlocked.Add(ref records, plan.Records);
                Interlocked.Add(ref stored, body.Length);
                Interlocked.Add(ref uncompressed, raw);
            });

        foreach (var (key, content) in extras)
        {
            if (key.EndsWith('/') && !target.SupportsFolderObjects)
            {
                continue;
            }

            await target.WriteAsync(key, content, cancellationToken);
            stored += content.Length;
        }

        return new GenerationResult(plans.Count + extras.Count(e => !e.Key.EndsWith('/') || target.SupportsFolderObjects), records, stored, uncompressed, injected);
    }

    private static void Validate(GeneratorOptions o)
    {
        if (o.To < o.From)
        {
            throw new ArgumentException($"the range ends ({o.To:yyyy-MM-dd}) before it starts ({o.From:yyyy-MM-dd})");
        }

        if (o.To.DayNumber - o.From.DayNumber > 3660)
        {
            throw new ArgumentException("the range is longer than ten years");
        }

        if (o.Accounts < 1 || o.Clusters < 0 || o.ConfigObjectsPerDay < 0 || o.LoginObjectsPerDay < 0 || o.KubernetesObjectsPerDay < 0 || o.RecordsPerObject < 0)
        {
            throw new ArgumentException("accounts must be at least 1; clusters, objects per day and records per object must not be negative");
        }

        if (o.Anomalies.Contains(FindingKind.UnlockedObject))
        {
            throw new ArgumentException("unlocked_object cannot be injected by writing objects (it is a property of the bucket's retention)");
        }

        if (o.Anomalies.Count > 0 && (o.ConfigObjectsPerDay < 2 || o.RecordsPerObject < 4))
        {
            throw new ArgumentException("injecting anomalies needs at least 2 config objects per day and 4 records per object");
        }

        if (o.Anomalies.Contains(FindingKind.MissingDay) && o.From == o.To)
        {
            throw new ArgumentException("missing_day needs a range of at least two days");
        }
    }

    private List<ObjectPlan> Plan(Random master, out List<Finding> injected, out List<(string Key, byte[] Content)> extras)
    {
        injected = [];
        extras = [];
        var plans = new List<ObjectPlan>();
        var path = _options.Path?.Trim('/') is { Length: > 0 } p ? p + "/" : null;
        var accounts = Enumerable.Range(0, _options.Accounts).Select(_ => Euuid(master)).ToArray();
        var clusters = accounts.Select(_ => Enumerable.Range(0, _options.Clusters).Select(_ => "lke" + master.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var skipDay = _options.Anomalies.Contains(FindingKind.MissingDay) ? _options.To : (DateOnly?)null;

        for (var day = _options.From; day <= _options.To; day = day.AddDays(1))
        {
            for (var a = 0; a < accounts.Length; a++)
            {
                var auditFolder = path ?? $"{StreamTypes.AuditLogs}/{StreamTypes.LogType}/{accounts[a]}/{DeliveryLayout.DayFolder(day)}";
                if (day != skipDay || (path is null && a > 0))
                {
                    AddObjects(plans, master, auditFolder, day, LogCategory.Config, _options.ConfigObjectsPerDay);
                    AddObjects(plans, master, auditFolder, day, LogCategory.Login, _options.LoginObjectsPerDay);
                }

                foreach (var cluster in clusters[a])
                {
                    var lkeFolder = path ?? $"{StreamTypes.LkeAuditLogs}/{StreamTypes.LogType}/{accounts[a]}/{cluster}/{DeliveryLayout.DayFolder(day)}";
                    AddObjects(plans, master, lkeFolder, day, LogCategory.Kubernetes, _options.KubernetesObjectsPerDay);
                }
            }
        }

        var firstFolder = path ?? $"{StreamTypes.AuditLogs}/{StreamTypes.LogType}/{accounts[0]}/{DeliveryLayout.DayFolder(_options.From)}";
        if (_options.EmptyObject)
        {
            plans.Add(new ObjectPlan(firstFolder + FileName(master, _options.From, 43_000, LogCategory.Login), LogCategory.Login, _options.From, 43_000, master.Next(), 0, plans.Count));
        }

        if (_options.Probe)
        {
            var probeAt = new DateTimeOffset(_options.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1).ToUnixTimeSeconds();
            extras.Add(((path ?? string.Empty) + DeliveryLayout.ProbePrefix + probeAt.ToString(CultureInfo.InvariantCulture), []));
            if (path is not null)
            {
                extras.Add((path, []));
            }
        }

        Inject(plans, master, firstFolder, path, injected, extras, accounts[0]);
        return plans;
    }

    private void Inject(List<ObjectPlan> plans, Random master, string firstFolder, string? path, List<Finding> injected, List<(string, byte[])> extras, string account)
    {
        var a = _options.Anomalies;
        var configs = plans.Where(x => x.Category == LogCategory.Config && x.Day == _options.From && x.Key.StartsWith(firstFolder, StringComparison.Ordinal)).Take(2).ToArray();
        if (a.Contains(FindingKind.UnknownEventCode))
        {
            configs[0].Overrides[2] = new LineOverride { Code = UnknownCode };
            injected.Add(new Finding(FindingKind.UnknownEventCode, configs[0].Key, 2, $"event code \"{UnknownCode}\""));
        }

        if (a.Contains(FindingKind.MalformedRecord))
        {
            configs[0].Overrides[3] = new LineOverride { Raw = "{\"specversion\":\"1.0\",\"id\":\"cut-off" };
            injected.Add(new Finding(FindingKind.MalformedRecord, configs[0].Key, 3, "not valid JSON"));
        }

        if (a.Contains(FindingKind.PartitionMismatch))
        {
            configs[0].Overrides[4] = new LineOverride { Time = new DateTimeOffset(_options.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-2) };
            injected.Add(new Finding(FindingKind.PartitionMismatch, configs[0].Key, 4, "outside the object's day"));
        }

        if (a.Contains(FindingKind.DuplicateRecord))
        {
            var id = SyntheticRecords.RecordId(master, -1, 0);
            // A redelivery repeats the whole record: same id, and the same source (the code fixes it), so the same identity.
            configs[0].Overrides[1] = new LineOverride { Id = id, Code = "post-linode-instance" };
            configs[1].Overrides[1] = new LineOverride { Id = id, Code = "post-linode-instance" };

            // Objects are read in parallel, so either copy may be the one reported.
            injected.Add(new Finding(FindingKind.DuplicateRecord, configs[1].Key, 1, $"source \"/service/linode\" id \"{id}\" was delivered before"));
        }

        if (a.Contains(FindingKind.CorruptObject))
        {
            // Valid records cut off mid-stream, as an interrupted upload leaves them: the lines before the cut still count.
            var key = firstFolder + FileName(master, _options.From, 80_000, LogCategory.Config);
            // No plan is added after this, so plans.Count is a serial no other object has.
            var (whole, _) = Build(new ObjectPlan(key, LogCategory.Config, _options.From, 80_000, master.Next(), _options.RecordsPerObject, plans.Count));
            extras.Add((key, whole[..(whole.Length / 2)]));
            injected.Add(new Finding(FindingKind.CorruptObject, key, null, "truncated"));
        }

        if (a.Contains(FindingKind.MissingDay))
        {
            var folder = path ?? $"{StreamTypes.AuditLogs}/{StreamTypes.LogType}/{account}/{DeliveryLayout.DayFolder(_options.To)}";
            injected.Add(new Finding(FindingKind.MissingDay, folder, null, $"no {StreamTypes.AuditLogs} object for {_options.To:yyyy-MM-dd}"));
        }

        if (a.Contains(FindingKind.UnexpectedObject))
        {
            var key = firstFolder + "export 2026 (copy).csv";
            extras.Add((key, Encoding.UTF8.GetBytes("id,eventcode\n1,put-profile\n")));
            injected.Add(new Finding(FindingKind.UnexpectedObject, key, null, "matches no delivery pattern"));
        }
    }

    private void AddObjects(List<ObjectPlan> plans, Random master, string folder, DateOnly day, LogCategory category, int count)
    {
        for (var i = 0; i < count; i++)
        {
            // Spread batches over the day; a batch's records happened in the minutes before it was written.
            var second = (int)((i + 1L) * 86_400 / (count + 1)) + master.Next(0, 60);
            plans.Add(new ObjectPlan(folder + FileName(master, day, second, category), category, day, second, master.Next(), _options.RecordsPerObject, plans.Count));
        }
    }

    private (byte[] Body, long Raw) Build(ObjectPlan plan)
    {
        var random = new Random(plan.Seed);
        var buffer = new ArrayBufferWriter<byte>(Math.Max(1024, plan.Records * 700));
        var dayStart = new DateTimeOffset(plan.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var codes = _catalog.Codes;
        using (var json = SyntheticRecords.NewWriter(buffer))
        {
            for (var line = 1; line <= plan.Records; line++)
            {
                plan.Overrides.TryGetValue(line, out var change);
                if (change?.Raw is { } raw)
                {
                    buffer.Write(Encoding.UTF8.GetBytes(raw));
                }
                else
                {
                    var time = change?.Time ?? dayStart.AddSeconds(Math.Max(0, plan.Second - random.Next(0, 900)) + (random.Next(1000) / 1000.0));
                    var id = change?.Id ?? SyntheticRecords.RecordId(random, plan.Serial, line);
                    switch (plan.Category)
                    {
                        case LogCategory.Kubernetes:
                            SyntheticRecords.WriteKubernetes(json, random, id, time);
                            break;
                        case LogCategory.Login:
                            SyntheticRecords.WriteLogin(json, random, id, time);
                            break;
                        default:
                            var code = codes[random.Next(codes.Count)];
                            if (change?.Code is { } fixedCode)
                            {
                                SyntheticRecords.WriteCloudEvent(json, random, id, time, "com.akamai.audit.config", "/service/linode", fixedCode, null);
                            }
                            else
                            {
                                SyntheticRecords.WriteConfig(json, random, id, time, code);
                            }

                            break;
                    }

                    json.Flush();
                    json.Reset();
                }

                buffer.Write("\n"u8);
            }
        }

        return (Gzip(buffer.WrittenSpan, _options.FastCompression), buffer.WrittenCount);
    }

    private static byte[] Gzip(ReadOnlySpan<byte> data, bool fast)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, fast ? CompressionLevel.Fastest : CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static string FileName(Random random, DateOnly day, int second, LogCategory category)
    {
        var unix = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddSeconds(second).ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"akamai_log-{random.Next(0, 1_000_000):D6}-{unix}-{random.Next(0, 1_000_000):D6}-{StreamTypes.CategoryName(category)}.gz");
    }

    private static string Euuid(Random random)
    {
        Span<byte> b = stackalloc byte[16];
        random.NextBytes(b);
        var hex = Convert.ToHexString(b);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..32]}";
    }

    /// <param name="Serial">The object's place in the plan, unique within one delivery: record ids embed it, so a
    /// clean corpus stays free of duplicate ids at any size (per-object seeds alone are only 31 bits and collide).</param>
    private sealed record ObjectPlan(string Key, LogCategory Category, DateOnly Day, int Second, int Seed, int Records, int Serial)
    {
        public Dictionary<int, LineOverride> Overrides { get; } = [];
    }

    private sealed class LineOverride
    {
        public string? Raw { get; init; }

        public string? Id { get; init; }

        public string? Code { get; init; }

        public DateTimeOffset? Time { get; init; }
    }
}
