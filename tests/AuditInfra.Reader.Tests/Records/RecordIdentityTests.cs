using System.Text;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Tests.Records;

public class RecordIdentityTests
{
    private readonly RecordParser _parser = new();

    [Fact]
    public void A_kubernetes_event_is_its_audit_id_and_stage()
    {
        var received = Hash(Gz.K8sEvent("req-1", stage: "RequestReceived"), LogCategory.Kubernetes);
        var complete = Hash(Gz.K8sEvent("req-1", stage: "ResponseComplete"), LogCategory.Kubernetes);
        Assert.NotEqual(received, complete);
        Assert.Equal(complete, Hash(Gz.K8sEvent("req-1", time: "2026-11-01T11:00:00Z", stage: "ResponseComplete"), LogCategory.Kubernetes));
        Assert.NotEqual(complete, Hash(Gz.K8sEvent("req-2", stage: "ResponseComplete"), LogCategory.Kubernetes));
    }

    [Fact]
    public void A_cloud_event_is_its_source_and_id()
    {
        var linode = Hash(Gz.CloudEvent("e-1", source: "/service/linode"), LogCategory.Config);
        Assert.NotEqual(linode, Hash(Gz.CloudEvent("e-1", source: "/service/object-storage"), LogCategory.Config));
        Assert.Equal(linode, Hash(Gz.CloudEvent("e-1", time: "2026-11-01T12:00:00Z", source: "/service/linode"), LogCategory.Config));
        // The parts are kept apart: ("/a", "bc") is not ("/ab", "c").
        Assert.NotEqual(RecordIdentity.Hash("/a", "bc"), RecordIdentity.Hash("/ab", "c"));
    }

    [Theory]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"e-\\u0031\",\"source\":\"/service/lin\\u006fde\",\"type\":\"t\",\"data\":{\"eventcode\":\"x\"}}", "Config")]
    [InlineData("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"r\\u002d1\",\"stage\":\"Response\\u0043omplete\",\"requestURI\":\"/x\",\"verb\":\"get\",\"user\":{},\"requestReceivedTimestamp\":\"2026-11-01T10:00:00Z\",\"stageTimestamp\":\"2026-11-01T10:00:00Z\"}", "Kubernetes")]
    public void Parsed_decoded_and_line_forms_agree_also_with_json_escapes(string line, string category)
    {
        var kind = Enum.Parse<LogCategory>(category);
        var fromView = Hash(line, kind);
        var decoded = _parser.Parse(Encoding.UTF8.GetBytes(line), kind, out var error);
        Assert.True(decoded is not null, error);
        Assert.Equal(fromView, RecordIdentity.Hash(decoded));
        Assert.Equal(fromView, RecordIdentity.HashOfLine(Encoding.UTF8.GetBytes(line)));
        var expected = kind == LogCategory.Kubernetes ? RecordIdentity.Hash("r-1", "ResponseComplete") : RecordIdentity.Hash("/service/linode", "e-1");
        Assert.Equal(expected, fromView);
    }

    [Fact]
    public void Long_parts_hash_like_short_ones_and_lines_without_identity_have_none()
    {
        var longId = new string('x', 5000);
        Assert.Equal(Hash(Gz.CloudEvent(longId), LogCategory.Config), RecordIdentity.Hash("/service/linode", longId));
        Assert.Null(RecordIdentity.HashOfLine("{\"x\":1}"u8));
        Assert.Null(RecordIdentity.HashOfLine("[1]"u8));
        Assert.Null(RecordIdentity.HashOfLine("{\"id\":"u8));
    }

    private ulong Hash(string line, LogCategory category)
    {
        Assert.True(_parser.TryParse(Encoding.UTF8.GetBytes(line), category, out var record, out var error), error);
        return RecordIdentity.Hash(record);
    }
}
