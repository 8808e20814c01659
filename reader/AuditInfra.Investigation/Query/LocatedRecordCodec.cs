using AuditInfra.Investigation.Records;
using AuditInfra.Investigation.Sorting;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Query;

/// <summary>
/// A <see cref="LocatedRecord"/> in a spill file: every field of its <see cref="AuditRecord"/>, where it came from, its
/// account and (when kept) its delivered line, so a record read back writes the same output as before it was spilled.
/// </summary>
public sealed class LocatedRecordCodec : ISpillCodec<LocatedRecord>
{
    public static LocatedRecordCodec Instance { get; } = new();

    public void Write(BinaryWriter writer, LocatedRecord item)
    {
        var r = item.Record;
        writer.Write((int)r.Category);
        writer.Write(r.Time.HasValue);
        if (r.Time is { } time)
        {
            writer.Write(time.Ticks);
            writer.Write((short)time.TotalOffsetMinutes);
        }

        writer.Write(r.ResponseCode.HasValue);
        writer.Write(r.ResponseCode.GetValueOrDefault());

        foreach (var text in (ReadOnlySpan<string?>)[r.Id, r.Type, r.Source, r.EventCode, r.Actor, r.Email, r.AuthenticatedUser, r.SourceIp,
                     r.UserAgent, r.Outcome, r.EntityId, r.EntityType, r.Stage, r.Verb, r.RequestUri, r.Resource, r.Subresource, r.Namespace,
                     r.Name, item.ObjectKey, item.Account])
        {
            SpillText.Write(writer, text);
        }

        writer.Write(item.Line);
        writer.Write(item.Raw?.Length ?? -1);
        if (item.Raw is { } raw)
        {
            writer.Write(raw);
        }
    }

    public LocatedRecord Read(BinaryReader reader)
    {
        var category = (LogCategory)reader.ReadInt32();
        DateTimeOffset? time = reader.ReadBoolean() ? new DateTimeOffset(reader.ReadInt64(), TimeSpan.FromMinutes(reader.ReadInt16())) : null;
        var hasCode = reader.ReadBoolean();
        var codeValue = reader.ReadInt32();
        int? code = hasCode ? codeValue : null;
        var id = SpillText.Read(reader) ?? throw new InvalidDataException("spill file: record without an id");
        var record = new AuditRecord
        {
            Category = category,
            Id = id,
            Time = time,
            Type = SpillText.Read(reader),
            Source = SpillText.Read(reader),
            EventCode = SpillText.Read(reader),
            Actor = SpillText.Read(reader),
            Email = SpillText.Read(reader),
            AuthenticatedUser = SpillText.Read(reader),
            SourceIp = SpillText.Read(reader),
            UserAgent = SpillText.Read(reader),
            Outcome = SpillText.Read(reader),
            EntityId = SpillText.Read(reader),
            EntityType = SpillText.Read(reader),
            Stage = SpillText.Read(reader),
            Verb = SpillText.Read(reader),
            RequestUri = SpillText.Read(reader),
            Resource = SpillText.Read(reader),
            Subresource = SpillText.Read(reader),
            Namespace = SpillText.Read(reader),
            Name = SpillText.Read(reader),
            ResponseCode = code,
        };
        var objectKey = SpillText.Read(reader) ?? throw new InvalidDataException("spill file: record without an object key");
        var account = SpillText.Read(reader);
        var line = reader.ReadInt64();
        var rawLength = reader.ReadInt32();
        var raw = rawLength >= 0 ? reader.ReadBytes(rawLength) : null;
        return new LocatedRecord(record, objectKey, line, raw) { Account = account };
    }
}
