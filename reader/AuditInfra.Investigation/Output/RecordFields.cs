using AuditInfra.Investigation.Records;

namespace AuditInfra.Investigation.Output;

/// <summary>
/// The flat view of a record every format shares: the columns of the table and the CSV, the names of the JSON
/// fields. One place, so the formats cannot disagree on what a field is called or how it is derived.
/// </summary>
public sealed class RecordFields
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "time", "stream", "code", "action", "service", "group", "actor", "ip", "outcome",
        "entity_type", "entity_id", "user_agent", "id", "object", "line",
    ];

    private readonly RecordClassifier _classifier;

    public RecordFields(RecordClassifier classifier)
    {
        _classifier = classifier;
    }

    /// <summary>The values in <see cref="Names"/> order; null where a record has no value.</summary>
    public string?[] Values(LocatedRecord located)
    {
        var r = located.Record;
        return
        [
            FormatTime(r.Time),
            RecordStream.NameOf(r.Category),
            RecordClassifier.OperationOf(r),
            _classifier.ActionOf(r),
            _classifier.ServiceOf(r),
            _classifier.GroupOf(r),
            r.Actor,
            r.SourceIp,
            r.Outcome,
            r.EntityType ?? r.Resource,
            r.EntityId ?? (r.Namespace is null ? r.Name : $"{r.Namespace}/{r.Name}"),
            r.UserAgent,
            r.Id,
            located.ObjectKey,
            located.Line.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];
    }

    public static string? FormatTime(DateTimeOffset? time) => time is { } t ? UtcTimeText.Format(t) : null;
}
