using System.Globalization;
using System.Text.Json;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Reading;

/// <summary>
/// How many CloudEvents records of each stream (config, sign-in) carried each configured <c>data</c> field in a run.
/// Akamai documents only <c>data.eventcode</c>; the actor, IP, user agent, outcome and entity paths are this
/// project's assumption (<see cref="RecordFieldPaths"/>, section <c>Fields</c>). When a field is missing from nearly
/// all records of a stream (<see cref="MissingShare"/> of at least <see cref="MinRecords"/>), the real shape differs
/// and every command shows empty columns and detect is blind: <see cref="Warnings"/> says so, naming the setting.
/// Kubernetes Events follow the documented audit.k8s.io/v1 shape and are not counted here.
/// Thread-safe: each scanner counts into its own <see cref="Tally"/> (plain array increments, no allocation per
/// record) and adds it once per object.
/// </summary>
public sealed class FieldCoverage
{
    /// <summary>A field counts as missing from a stream when at least this share of its records lack it (99%).</summary>
    public const double MissingShare = 0.99;

    /// <summary>Fewer records than this (100) say nothing about the shape: a handful of sign-ins may all lack a user agent.</summary>
    public const long MinRecords = 100;

    private static readonly LogCategory[] Streams = [LogCategory.Config, LogCategory.Login];
    private readonly Tracked[] _fields;
    private readonly long[] _records = new long[Streams.Length];
    private readonly long[] _present;
    private readonly Lock _gate = new();

    /// <param name="paths">The configured paths, named in the report and the warnings.</param>
    public FieldCoverage(RecordFieldPaths paths)
    {
        _fields =
        [
            new("actor", "Fields:Actor (or Fields:ActorFallback)", $"{paths.Actor} or {paths.ActorFallback}", RecordField.Actor, RecordField.ActorFallback, ConfigOnly: false),
            new("ip", "Fields:SourceIp", paths.SourceIp, RecordField.SourceIp, null, ConfigOnly: false),
            new("user_agent", "Fields:UserAgent", paths.UserAgent, RecordField.UserAgent, null, ConfigOnly: false),
            new("outcome", "Fields:Outcome", paths.Outcome, RecordField.Outcome, null, ConfigOnly: false),
            // A sign-in concerns no entity, so only config records are expected to name one.
            new("entity_id", "Fields:EntityId", paths.EntityId, RecordField.EntityId, null, ConfigOnly: true),
            new("entity_type", "Fields:EntityType", paths.EntityType, RecordField.EntityType, null, ConfigOnly: true),
        ];
        _present = new long[Streams.Length * _fields.Length];
    }

    /// <summary>A counter for one scanner (not thread-safe); <see cref="Add"/> it after each object.</summary>
    public Tally NewTally() => new(_fields);

    /// <summary>Adds a scanner's counts and clears them.</summary>
    public void Add(Tally tally)
    {
        lock (_gate)
        {
            for (var i = 0; i < _records.Length; i++)
            {
                _records[i] += tally.Records[i];
            }

            for (var i = 0; i < _present.Length; i++)
            {
                _present[i] += tally.Present[i];
            }
        }

        tally.Clear();
    }

    /// <summary>Per stream with records and field expected there: how many records had the field.</summary>
    public IReadOnlyList<FieldCoverageEntry> Entries()
    {
        var entries = new List<FieldCoverageEntry>();
        lock (_gate)
        {
            for (var s = 0; s < Streams.Length; s++)
            {
                if (_records[s] == 0)
                {
                    continue;
                }

                for (var f = 0; f < _fields.Length; f++)
                {
                    var field = _fields[f];
                    if (!field.ConfigOnly || Streams[s] == LogCategory.Config)
                    {
                        entries.Add(new FieldCoverageEntry(StreamName(Streams[s]), field.Name, field.Setting, field.Path, _records[s], _present[(s * _fields.Length) + f]));
                    }
                }
            }
        }

        return entries;
    }

    /// <summary>One line per field and stream missing from nearly all records, naming the setting to change; empty when the shape fits.</summary>
    public IReadOnlyList<string> Warnings() =>
        [.. Entries().Where(e => e.IsMissing).Select(e =>
            $"field {e.Field} ({e.Path}) is missing from {e.MissingPercent.ToString("0.#", CultureInfo.InvariantCulture)}% of {e.Records} {e.Stream} records: " +
            $"the delivered records keep it elsewhere; set {e.Setting} to its path (docs/verify.md, the assumed shape of data)")];

    private static string StreamName(LogCategory category) => category == LogCategory.Login ? "login" : "config";

    /// <summary>A tracked field: its name in the report, the setting that moves it, the configured path, and its slots.</summary>
    internal sealed record Tracked(string Name, string Setting, string Path, RecordField Field, RecordField? Alternative, bool ConfigOnly);

    /// <summary>One scanner's counts since its last <see cref="Add"/>.</summary>
    public sealed class Tally
    {
        private readonly Tracked[] _fields;

        internal Tally(Tracked[] fields)
        {
            _fields = fields;
            Present = new long[Streams.Length * fields.Length];
        }

        internal long[] Records { get; } = new long[Streams.Length];

        internal long[] Present { get; }

        /// <summary>Counts one valid record (CloudEvents only; Kubernetes Events are ignored).</summary>
        internal void Count(in ParsedRecord record)
        {
            var stream = record.Category switch
            {
                LogCategory.Config => 0,
                LogCategory.Login => 1,
                _ => -1,
            };
            if (stream < 0)
            {
                return;
            }

            Records[stream]++;
            var row = stream * _fields.Length;
            for (var f = 0; f < _fields.Length; f++)
            {
                var field = _fields[f];
                if (HasValue(record, field.Field) || (field.Alternative is { } other && HasValue(record, other)))
                {
                    Present[row + f]++;
                }
            }
        }

        internal void Clear()
        {
            Array.Clear(Records);
            Array.Clear(Present);
        }

        private static bool HasValue(in ParsedRecord record, RecordField field) => record.TypeOf(field) is not (JsonTokenType.None or JsonTokenType.Null);
    }
}

/// <summary>How many records of a stream carried a configured field (the <c>field_coverage</c> entries of verify's report).</summary>
/// <param name="Stream"><c>config</c> or <c>login</c>.</param>
/// <param name="Field">actor, ip, user_agent, outcome, entity_id, entity_type.</param>
/// <param name="Setting">The setting that moves the field (section <c>Fields</c>).</param>
/// <param name="Path">The configured dotted path.</param>
/// <param name="Records">Valid records of the stream read.</param>
/// <param name="Present">Of those, records with a non-null value at the path.</param>
public sealed record FieldCoverageEntry(string Stream, string Field, string Setting, string Path, long Records, long Present)
{
    public double MissingPercent => Records == 0 ? 0 : Math.Round(100.0 * (Records - Present) / Records, 1);

    /// <summary>Missing from at least <see cref="FieldCoverage.MissingShare"/> of at least <see cref="FieldCoverage.MinRecords"/> records.</summary>
    public bool IsMissing => Records >= FieldCoverage.MinRecords && Records - Present >= FieldCoverage.MissingShare * Records;
}
