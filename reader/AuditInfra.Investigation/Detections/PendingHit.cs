using AuditInfra.Investigation.Sorting;

namespace AuditInfra.Investigation.Detections;

/// <summary>
/// A hit of a windowed rule waiting for its day to be complete, numbered in arrival order. Ordered by instant, then
/// arrival: the order a window is slid in (records of one instant keep the order they came in).
/// </summary>
internal readonly record struct PendingHit(long Arrival, RuleHit Hit)
{
    public static IKeyedOrder<PendingHit> Order { get; } = new ByTime();

    /// <summary>Instant (UTC ticks), then arrival: a total order, as arrival numbers are unique.</summary>
    private sealed class ByTime : IKeyedOrder<PendingHit>
    {
        public (long Major, long Minor) KeyOf(in PendingHit item) => (item.Hit.Evidence.Time.UtcTicks, item.Arrival);

        public int Compare(PendingHit x, PendingHit y) => KeyOf(x).CompareTo(KeyOf(y));
    }

    /// <summary>Every field of the hit, exactly; strings as UTF-16 (<see cref="SpillText"/>).</summary>
    public sealed class Codec : ISpillCodec<PendingHit>
    {
        public static Codec Instance { get; } = new();

        public void Write(BinaryWriter writer, PendingHit item)
        {
            var hit = item.Hit;
            var evidence = hit.Evidence;
            writer.Write(item.Arrival);
            writer.Write(hit.Rules);
            writer.Write(hit.Kubernetes);
            SpillText.Write(writer, hit.Actor);
            SpillText.Write(writer, hit.Ip);
            SpillText.Write(writer, evidence.Object);
            writer.Write(evidence.Line);
            writer.Write(evidence.Time.Ticks);
            writer.Write((short)evidence.Time.TotalOffsetMinutes);
            SpillText.Write(writer, evidence.Operation);
            evidence.RecordId.Write(writer);
        }

        public PendingHit Read(BinaryReader reader)
        {
            var arrival = reader.ReadInt64();
            var rules = reader.ReadUInt64();
            var kubernetes = reader.ReadBoolean();
            var actor = SpillText.Read(reader);
            var ip = SpillText.Read(reader);
            var objectKey = SpillText.Read(reader) ?? throw new InvalidDataException("spill file: evidence without an object key");
            var line = reader.ReadInt64();
            var ticks = reader.ReadInt64();
            var time = new DateTimeOffset(ticks, TimeSpan.FromMinutes(reader.ReadInt16()));
            var operation = SpillText.Read(reader);
            var id = EvidenceId.Read(reader);
            return new PendingHit(arrival, new RuleHit(rules, actor, ip, new Evidence(objectKey, line, time, operation, id), kubernetes));
        }
    }
}
