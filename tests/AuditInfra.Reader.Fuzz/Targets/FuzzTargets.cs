namespace AuditInfra.Reader.Fuzz.Targets;

/// <summary>
/// The reader's fuzz targets by name (the policy check's are in <c>PolicyFuzzTargets</c>). A target takes one input and throws only on a bug: an exception it does not expect,
/// or a broken invariant (<see cref="FuzzInvariantException"/>). Expected rejections (a malformed record, a corrupt
/// object, a key of no pattern) are results, not exceptions.
/// </summary>
public static class FuzzTargets
{
    private static readonly Dictionary<string, Action<byte[]>> Targets = new(StringComparer.Ordinal)
    {
        ["record"] = RecordParserTarget.Run,
        ["gzip"] = GzipLineReaderTarget.Run,
        ["key"] = DeliveryKeyTarget.Run,
    };

    public static IEnumerable<string> Names => Targets.Keys;

    public static Action<byte[]>? Find(string name) => Targets.GetValueOrDefault(name);
}

/// <summary>A target's invariant did not hold for an input: a bug, reported as a crash.</summary>
public sealed class FuzzInvariantException(string message) : Exception(message);
