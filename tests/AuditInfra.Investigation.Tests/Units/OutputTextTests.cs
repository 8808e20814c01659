using System.Globalization;
using System.Text;
using AuditInfra.Investigation.Output;
using AuditInfra.Investigation.Records;
using AuditInfra.Reader.Catalog;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Investigation.Tests.Units;

/// <summary>The hand-written output paths print what the framework's formatting would.</summary>
public class OutputTextTests
{
    [Fact]
    public void Timestamps_match_the_custom_format_in_characters_and_bytes()
    {
        var random = new Random(7);
        var times = new List<DateTimeOffset>
        {
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new(2026, 12, 31, 23, 59, 59, 999, TimeSpan.FromHours(-5)), new(999, 3, 4, 5, 6, 7, 8, TimeSpan.FromHours(9)),
        };
        for (var i = 0; i < 1000; i++)
        {
            times.Add(new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), TimeSpan.Zero));
        }

        times.Add(new DateTimeOffset(2026, 10, 14, 9, 0, 5, TimeSpan.Zero).AddTicks(1234560));
        Span<byte> utf8 = stackalloc byte[UtcTimeText.MaxLength];
        foreach (var time in times)
        {
            // Seven digits, trailing zeros dropped down to milliseconds: the instant exactly, as short as it reads.
            var full = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
            var expected = full[..23] + full[23..].TrimEnd('0') + "Z";
            Assert.Equal(expected, UtcTimeText.Format(time));
            Assert.Equal(time.UtcDateTime, DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture).UtcDateTime);
            var written = UtcTimeText.Write(utf8, time);
            Assert.Equal(expected, Encoding.UTF8.GetString(utf8[..written]));
        }

        Assert.Equal("2026-10-14T09:00:05.123456Z", UtcTimeText.Format(times[^1]));
        Assert.Equal("2026-01-01T00:00:00.000Z", UtcTimeText.Format(times[2]));
    }

    [Fact]
    public void The_time_and_line_columns_are_where_writers_look_for_them()
    {
        Assert.Equal("time", RecordFields.Names[RecordFields.TimeIndex]);
        Assert.Equal("line", RecordFields.Names[RecordFields.LineIndex]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Json_records_go_to_a_stream_writer_as_bytes_after_what_it_already_held(bool array)
    {
        var fields = new RecordFields(new RecordClassifier(EventCatalog.Default));
        var records = Enumerable.Range(1, 3000).Select(i => new LocatedRecord(
            new AuditRecord { Category = LogCategory.Config, Id = $"id-{i}", Time = DateTimeOffset.UnixEpoch.AddSeconds(i), EventCode = "delete-linode", Actor = "zoë \"quoted\"" },
            "audit_logs/key.gz", i)).ToArray();

        var expected = new StringWriter();
        using (var reference = new JsonRecordWriter(expected, fields, array))
        {
            expected.Write("before|");
            foreach (var record in records)
            {
                reference.Write(record);
            }

            reference.Complete();
        }

        using var bytes = new MemoryStream();
        using (var text = new StreamWriter(bytes, new UTF8Encoding(false), 16, leaveOpen: true))
        {
            text.Write("before|");
            using var writer = new JsonRecordWriter(text, fields, array);
            foreach (var record in records)
            {
                writer.Write(record);
            }

            writer.Complete();
        }

        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(bytes.ToArray()));
        Assert.Contains("\"line\":3000", expected.ToString(), StringComparison.Ordinal);
        Assert.Contains("zo\\u00EB \\u0022quoted\\u0022", expected.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Values_repeated_as_one_shared_string_print_as_when_each_is_its_own_string()
    {
        // The JSON writer writes a value that repeats as the same instance from its escaped bytes, and
        // filter-options counts such a run at once: both must give what a fresh string each time gives.
        var classifier = new RecordClassifier(EventCatalog.Default);
        string[] shared = ["zoë \"quoted\" \u001b", "alice", "203.0.113.9"];
        LocatedRecord Record(int i, bool copies)
        {
            string Value(int v) => copies ? new string(shared[v].AsSpan()) : shared[v];
            return new LocatedRecord(
                new AuditRecord
                {
                    Category = LogCategory.Config, Id = $"id-{i}", Time = DateTimeOffset.UnixEpoch.AddSeconds(i), EventCode = "delete-linode",
                    Actor = Value(i % 5 < 3 ? 0 : 1), Email = Value(1), SourceIp = i % 2 == 0 ? Value(2) : null, UserAgent = Value(0),
                },
                "audit_logs/key.gz", i) { Account = Value(1) };
        }

        string Json(bool copies)
        {
            var text = new StringWriter();
            using var writer = new JsonRecordWriter(text, new RecordFields(classifier), array: false);
            for (var i = 0; i < 200; i++)
            {
                writer.Write(Record(i, copies));
            }

            writer.Complete();
            return text.ToString();
        }

        Assert.Equal(Json(copies: true), Json(copies: false));
        Assert.Contains("zo\\u00EB \\u0022quoted\\u0022 \\u001B", Json(copies: false), StringComparison.Ordinal);

        Options.FilterOptionsReport Counts(bool copies)
        {
            var collector = new Options.FilterOptionsCollector(classifier, Filters.TimeRange.Parse("1970-01-01", "1970-01-02", TimeProvider.System));
            for (var i = 0; i < 200; i++)
            {
                collector.Add(Record(i, copies));
            }

            return collector.Report();
        }

        var expected = Counts(copies: true);
        var actual = Counts(copies: false);
        Assert.Equal(expected.Values.Count, actual.Values.Count);
        for (var d = 0; d < expected.Values.Count; d++)
        {
            Assert.Equal(expected.Values[d], actual.Values[d]);
        }

        Assert.Contains(actual.Of(Options.FilterOptionsCollector.Dimension.Actors), v => v.Value == "alice" && v.Count == 80);
    }
}
