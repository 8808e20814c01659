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
        "time", "stream", "account", "code", "action", "service", "group", "actor", "authenticated_user", "email", "ip", "outcome",
        "entity_type", "entity_id", "user_agent", "stage", "id", "object", "line",
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
        into[2] = located.Account;
        into[3] = RecordClassifier.OperationOf(r);
        into[4] = _classifier.ActionOf(r);
        into[5] = _classifier.ServiceOf(r);
        into[6] = _classifier.GroupOf(r);
        into[ActorIndex] = r.Actor;
        into[AuthenticatedUserIndex] = r.AuthenticatedUser;
        into[9] = r.Email;
        into[10] = r.SourceIp;
        into[11] = r.Outcome;
        into[12] = r.EntityType ?? r.Resource;
        into[13] = r.EntityId ?? (r.Namespace is null ? r.Name : $"{r.Namespace}/{r.Name}");
        into[14] = r.UserAgent;
        into[15] = r.Stage;
        into[16] = r.Id;
        into[17] = located.ObjectKey;
        into[LineIndex] = timeAndLine ? located.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public const int TimeIndex = 0;

    /// <summary>Who acted (Kubernetes: the impersonated user of an impersonated request).</summary>
    public const int ActorIndex = 7;

    /// <summary>Kubernetes, impersonated requests only: the authenticated user that acted as the actor.</summary>
    public const int AuthenticatedUserIndex = 8;

    public const int LineIndex = 18;

    public static string? FormatTime(DateTimeOffset? time) => time is { } t ? UtcTimeText.Format(t) : null;
}
