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
        var values = new string?[Names.Count];
        Fill(located, values, timeAndLine: true);
        return values;
    }

    /// <summary>
    /// <see cref="Values"/> into a caller's array (a writer reuses one for every record). Without
    /// <paramref name="timeAndLine"/> those two stay null, for a writer that prints them from the record itself.
    /// </summary>
    public void Fill(LocatedRecord located, string?[] into, bool timeAndLine)
    {
        var r = located.Record;
        into[TimeIndex] = timeAndLine ? FormatTime(r.Time) : null;
        into[1] = RecordStream.NameOf(r.Category);
        into[2] = RecordClassifier.OperationOf(r);
        into[3] = _classifier.ActionOf(r);
        into[4] = _classifier.ServiceOf(r);
        into[5] = _classifier.GroupOf(r);
        into[6] = r.Actor;
        into[7] = r.SourceIp;
        into[8] = r.Outcome;
        into[9] = r.EntityType ?? r.Resource;
        into[10] = r.EntityId ?? (r.Namespace is null ? r.Name : $"{r.Namespace}/{r.Name}");
        into[11] = r.UserAgent;
        into[12] = r.Id;
        into[13] = located.ObjectKey;
        into[LineIndex] = timeAndLine ? located.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public const int TimeIndex = 0;

    public const int LineIndex = 14;

    public static string? FormatTime(DateTimeOffset? time) => time is { } t ? UtcTimeText.Format(t) : null;
}
