using System.Text;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Tests.Records;

public class RecordParserTests
{
    private readonly RecordParser _parser = new();

    [Fact]
    public void Parses_a_cloud_event_with_the_assumed_data_shape()
    {
        var record = Parse(Gz.CloudEvent("e-1"), LogCategory.Config, out var error);
        Assert.Null(error);
        Assert.NotNull(record);
        Assert.Equal("e-1", record.Id);
        Assert.Equal("post-linode-instance", record.EventCode);
        Assert.Equal("alice", record.Actor);
        Assert.Equal("192.0.2.1", record.SourceIp);
        Assert.Equal("success", record.Outcome);
        Assert.Equal("42", record.EntityId);
        Assert.Equal("linode", record.EntityType);
        Assert.Equal("/service/linode", record.Source);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero), record.Time);
    }

    [Fact]
    public void Parses_a_kubernetes_audit_event()
    {
        var record = Parse(Gz.K8sEvent("k-1"), LogCategory.Kubernetes, out var error);
        Assert.Null(error);
        Assert.Equal("k-1", record!.Id);
        Assert.Equal("kube-admin", record.Actor);
        Assert.Equal("198.51.100.7", record.SourceIp);
        Assert.Equal("create", record.Verb);
        Assert.Equal("pods", record.Resource);
        Assert.Equal("default", record.Namespace);
        Assert.Equal("web-1", record.Name);
        Assert.Equal(201, record.ResponseCode);
        Assert.Equal("success", record.Outcome);
        Assert.Equal(123456, record.Time!.Value.Ticks % TimeSpan.TicksPerSecond / 10);
    }

    [Fact]
    public void Unknown_fields_and_escapes_are_tolerated()
    {
        var line = """{"extra":[1,{"a":[2]}],"specversion":"1.0","id":"a\u002db","source":"s","type":"t","time":"2026-11-01T00:00:00+00:00","data":{"nested":{"x":1},"eventcode":"put-profile"},"zz":null}""";
        var record = Parse(line, LogCategory.Config, out var error);
        Assert.Null(error);
        Assert.Equal("a-b", record!.Id);
        Assert.Equal("put-profile", record.EventCode);
        Assert.Null(record.Actor);
    }

    [Theory]
    [InlineData("[1,2]", "not a JSON object (it is an array)")]
    [InlineData("42", "not a JSON object (it is a number)")]
    [InlineData("\"text\"", "not a JSON object (it is a string)")]
    [InlineData("{\"specversion\":\"1.0\"", "not valid JSON")]
    [InlineData("{\"a\":1} {\"b\":2}", "not valid JSON")]
    [InlineData("{\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"eventcode\":\"put-profile\"}}", "misses required attribute specversion")]
    [InlineData("{\"specversion\":\"0.3\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"eventcode\":\"put-profile\"}}", "expected \"1.0\"")]
    [InlineData("{\"specversion\":\"1.0\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"eventcode\":\"put-profile\"}}", "misses required attribute id")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":7,\"source\":\"s\",\"type\":\"t\",\"data\":{\"eventcode\":\"put-profile\"}}", "id must be a string, found a number")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"eventcode\":17}}", "data.eventcode must be a string, found a number")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"eventcode\":[\"a\"]}}", "data.eventcode must be a string, found an array")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"data\":{}}", "misses required attribute data.eventcode")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"time\":\"yesterday\",\"data\":{\"eventcode\":\"a\"}}", "not an RFC 3339 timestamp")]
    public void Malformed_cloud_events_name_what_is_wrong(string line, string expected)
    {
        Assert.Null(Parse(line, LogCategory.Config, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"x\",\"id\":\"y\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"eventcode\":\"put-profile\"}}", LogCategory.Config, "\"id\"")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"eventcode\":\"delete-linode\"},\"data\":{\"username\":\"mallory\"}}", LogCategory.Config, "\"data\"")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"eventcode\":\"a\",\"even\\u0074code\":\"b\"}}", LogCategory.Config, "\"data.eventcode\"")]
    [InlineData("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"k\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api\",\"verb\":\"get\",\"user\":{\"username\":\"a\"},\"impersonatedUser\":{\"username\":\"b\"},\"impersonatedUser\":{\"username\":\"c\"},\"stageTimestamp\":\"2026-11-01T10:00:00Z\"}", LogCategory.Kubernetes, "\"impersonatedUser\"")]
    public void A_name_repeated_on_a_tracked_path_is_malformed(string line, LogCategory category, string path)
    {
        // Readers disagree on such a line (JsonDocument keeps the last copy, a streaming scan could merge both), so
        // no reading of it can be taken as the evidence.
        Assert.Null(Parse(line, category, out var error));
        Assert.Equal($"the name {path} appears twice, so which value counts is ambiguous (JSON names should be unique, RFC 8259 §4)", error);
    }

    [Fact]
    public void A_name_repeated_outside_the_tracked_paths_is_tolerated()
    {
        var line = """{"specversion":"1.0","id":"x","source":"s","type":"t","extra":1,"extra":2,"data":{"eventcode":"put-profile","free":{"a":1,"a":2},"list":[{"b":1},{"b":2}]}}""";
        Assert.Equal("put-profile", Parse(line, LogCategory.Config, out var error)!.EventCode);
        Assert.Null(error);
        Assert.Equal("x", Parse(line, LogCategory.Config, out _)!.Id); // the visit marks of one line do not leak into the next
    }

    [Fact]
    public void Invalid_utf8_is_malformed()
    {
        var bytes = Encoding.UTF8.GetBytes(Gz.CloudEvent("x"));
        bytes[30] = 0xff;
        Assert.Null(_parser.Parse(bytes, LogCategory.Config, out var error));
        Assert.Equal("not valid UTF-8", error);
    }

    [Theory]
    [InlineData("\"kind\":\"Event\"", "\"kind\":\"Pod\"", "expected Event/audit.k8s.io/v1")]
    [InlineData("\"auditID\":\"k\"", "\"auditId\":\"k\"", "misses required attribute auditID")]
    [InlineData("\"stageTimestamp\":\"2026-11-01T10:00:00.123456Z\"", "\"stageTimestamp\":12", "stageTimestamp must be an RFC 3339 timestamp string")]
    [InlineData("\"user\":{\"username\":\"kube-admin\",\"groups\":[\"system:masters\"]}", "\"user\":\"kube-admin\"", "user must be an object")]
    public void Malformed_kubernetes_events_name_what_is_wrong(string from, string to, string expected)
    {
        var line = Gz.K8sEvent("k").Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Gz.K8sEvent("k"), line);
        Assert.Null(Parse(line, LogCategory.Kubernetes, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_paths_come_from_configuration()
    {
        var parser = new RecordParser(new RecordFieldPaths { EventCode = "data.op.code", Actor = "subject", SourceIp = "data.client.addr" });
        var line = """{"specversion":"1.0","id":"x","source":"s","type":"t","subject":"bob","data":{"op":{"code":"delete-profile-app"},"client":{"addr":"203.0.113.9"}}}""";
        var record = parser.Parse(Encoding.UTF8.GetBytes(line), LogCategory.Config, out var error);
        Assert.Null(error);
        Assert.Equal("delete-profile-app", record!.EventCode);
        Assert.Equal("bob", record.Actor);
        Assert.Equal("203.0.113.9", record.SourceIp);
    }

    [Fact]
    public void Deep_nesting_beyond_the_limit_is_malformed_not_a_crash()
    {
        var line = "{\"a\":" + string.Concat(Enumerable.Repeat("[", 500)) + string.Concat(Enumerable.Repeat("]", 500)) + "}";
        Assert.Null(Parse(line, LogCategory.Config, out var error));
        Assert.Equal("nested deeper than 256 levels (the limit is the MaxJsonDepth setting)", error);
    }

    [Fact]
    public void Optional_cloud_events_attributes_set_to_null_are_absent()
    {
        var line = Gz.CloudEvent("n-1").Replace("\"time\":\"2026-11-01T10:00:00Z\"", "\"time\":null,\"subject\":null,\"dataschema\":null", StringComparison.Ordinal);
        var record = Parse(line, LogCategory.Config, out var error);
        Assert.Null(error);
        Assert.Null(record!.Time);

        // A required attribute stays required.
        Assert.Null(Parse(Gz.CloudEvent("n-2").Replace("\"id\":\"n-2\"", "\"id\":null", StringComparison.Ordinal), LogCategory.Config, out error));
        Assert.Equal("id must be a string, found null", error);
    }

    [Theory]
    [InlineData("2016-12-31T23:59:60Z", "2016-12-31T23:59:59.9999999+00:00")]
    [InlineData("2016-12-31T23:59:60.5Z", "2016-12-31T23:59:59.9999999+00:00")]
    [InlineData("2017-01-01T08:59:60+09:00", "2017-01-01T08:59:59.9999999+09:00")]
    public void A_leap_second_is_a_valid_rfc_3339_time(string time, string expected)
    {
        var record = Parse(Gz.CloudEvent("leap", time: time), LogCategory.Config, out var error);
        Assert.Null(error);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), record!.Time);
        Assert.Null(Parse(Gz.CloudEvent("leap", time: "2016-12-31T23:59:61Z"), LogCategory.Config, out error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("requestReceivedTimestamp", "2026-11-01T10:00:00.123456Z")]
    [InlineData("stageTimestamp", "2026-11-01T10:00:00.123456Z")]
    public void A_kubernetes_event_with_one_of_its_timestamps_uses_the_one_present(string drop, string kept)
    {
        var line = Gz.K8sEvent("one-ts", time: kept).Replace($",\"{drop}\":\"{kept}\"", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(drop, line, StringComparison.Ordinal);
        var record = Parse(line, LogCategory.Kubernetes, out var error);
        Assert.Null(error);
        Assert.Equal(DateTimeOffset.Parse(kept, System.Globalization.CultureInfo.InvariantCulture), record!.Time);

        var neither = line.Replace($",\"{(drop == "stageTimestamp" ? "requestReceivedTimestamp" : "stageTimestamp")}\":\"{kept}\"", string.Empty, StringComparison.Ordinal);
        Assert.Null(Parse(neither, LogCategory.Kubernetes, out error));
        Assert.Contains("misses both", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"username\":\"eve\\udc00\"", "a kept value with a lone low surrogate")]
    [InlineData("\"username\":\"eve\\ud83d\"", "a kept value with a lone high surrogate")]
    [InlineData("\"user\\ud83dname\":\"eve\"", "a property name with a lone high surrogate")]
    public void A_lone_surrogate_escape_is_a_malformed_record_not_a_crash(string user, string because)
    {
        // Found by fuzzing: System.Text.Json throws InvalidOperationException when it decodes such an escape.
        var line = Gz.CloudEvent("e-1").Replace("\"username\":\"alice\"", user, StringComparison.Ordinal);
        var record = Parse(line, LogCategory.Config, out var error);
        Assert.True(record is null, because);
        Assert.Contains("surrogate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_whole_surrogate_pair_escape_decodes()
    {
        var line = Gz.CloudEvent("e-1").Replace("\"alice\"", "\"al\\ud83d\\ude00ice\"", StringComparison.Ordinal);
        var record = Parse(line, LogCategory.Config, out var error);
        Assert.Null(error);
        Assert.Equal("al\U0001F600ice", record!.Actor);
    }

    private AuditRecord? Parse(string line, LogCategory category, out string? error) =>
        _parser.Parse(Encoding.UTF8.GetBytes(line), category, out error);
}
