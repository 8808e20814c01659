using System.IO.Compression;
using System.Text;

namespace AuditInfra.Reader.Tests;

/// <summary>Builds gzip bytes and sample records for tests.</summary>
internal static class Gz
{
    public static byte[] Compress(string text) => Compress(Encoding.UTF8.GetBytes(text));

    public static byte[] Compress(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }

    /// <summary>Several gzip members one after another (RFC 1952 §2.2), one per part, as a multipart writer makes them.</summary>
    public static byte[] Members(params string[] parts) => parts.SelectMany(p => Compress(p)).ToArray();

    public static void WriteFile(string root, string key, string text)
    {
        var path = Path.Combine(root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Compress(text));
    }

    public static string CloudEvent(string id, string time = "2026-11-01T10:00:00Z", string code = "post-linode-instance", string type = "com.akamai.audit.config", string source = "/service/linode") =>
        $$$$"""{"specversion":"1.0","id":"{{{{id}}}}","source":"{{{{source}}}}","type":"{{{{type}}}}","time":"{{{{time}}}}","data":{"eventcode":"{{{{code}}}}","user":{"username":"alice"},"ip":"192.0.2.1","status":"success","entity":{"id":42,"type":"linode"}}}""";

    public static string K8sEvent(string id, string time = "2026-11-01T10:00:00.123456Z", string stage = "ResponseComplete") =>
        $$$$"""{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"{{{{id}}}}","stage":"{{{{stage}}}}","requestURI":"/api/v1/namespaces/default/pods","verb":"create","user":{"username":"kube-admin","groups":["system:masters"]},"sourceIPs":["198.51.100.7"],"userAgent":"kubectl/v1.31","objectRef":{"resource":"pods","namespace":"default","name":"web-1","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":201},"requestReceivedTimestamp":"{{{{time}}}}","stageTimestamp":"{{{{time}}}}"}""";
}
