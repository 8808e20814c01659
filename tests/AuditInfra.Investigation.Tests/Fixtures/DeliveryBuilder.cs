using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Fixtures;

/// <summary>
/// Writes a small delivery in Akamai's key layout (gzip JSON Lines) to a folder or a real RGW bucket, with
/// records built field by field so each test states exactly what it filters or detects.
/// </summary>
internal sealed class DeliveryBuilder
{
    public const string Account = "BED02C05-67D6-4FAA-BC8BB63BB77C1197";
    private readonly List<(string Key, List<string> Lines)> _objects = [];
    private int _sequence;

    public IReadOnlyList<(string Key, List<string> Lines)> Objects => _objects;

    public static string ConfigKey(DateOnly day, int n, string category = "config") =>
        $"audit_logs/com.akamai.audit/{Account}/{day:yyyy}/{day:MM}/{day:dd}/akamai_log-{n:D6}-{Unix(day) + n:D}-{n:D6}-{category}.gz";

    public static string LkeKey(DateOnly day, int n) =>
        $"lke_audit_logs/com.akamai.audit/{Account}/lke4242/{day:yyyy}/{day:MM}/{day:dd}/akamai_log-{n:D6}-{Unix(day) + n:D}-{n:D6}-k8s.gz";

    /// <summary>Adds an object with these lines; returns its key.</summary>
    public string Add(string key, params string[] lines)
    {
        _objects.Add((key, [.. lines]));
        return key;
    }

    public string AddConfig(DateOnly day, params string[] lines) => Add(ConfigKey(day, ++_sequence), lines);

    public string AddLogin(DateOnly day, params string[] lines) => Add(ConfigKey(day, ++_sequence, "login"), lines);

    public string AddLke(DateOnly day, params string[] lines) => Add(LkeKey(day, ++_sequence), lines);

    public void WriteTo(string folder)
    {
        foreach (var (key, lines) in _objects)
        {
            WriteObject(folder, key, lines);
        }
    }

    public static void WriteObject(string folder, string key, IEnumerable<string> lines)
    {
        var path = Path.Combine(folder, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Gzip(lines));
    }

    public async Task UploadAsync(string bucket)
    {
        using var client = S3TestServer.Instance.CreateClient();
        foreach (var (key, lines) in _objects)
        {
            await UploadObjectAsync(client, bucket, key, lines);
        }
    }

    public static async Task UploadObjectAsync(Amazon.S3.IAmazonS3 client, string bucket, string key, IEnumerable<string> lines)
    {
        using var body = new MemoryStream(Gzip(lines));
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body, ContentType = "application/gzip" });
    }

    public static byte[] Gzip(IEnumerable<string> lines)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            var text = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
            gzip.Write(text);
        }

        return buffer.ToArray();
    }

    public static string Config(
        string id, DateTimeOffset time, string code, string actor = "alice@example.com", string ip = "192.0.2.10",
        string status = "success", string entityId = "42", string entityType = "linode", string source = "/service/linode") =>
        new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = id, ["source"] = source, ["type"] = "com.akamai.audit.config", ["time"] = Iso(time),
            ["data"] = new JsonObject
            {
                ["eventcode"] = code, ["user"] = new JsonObject { ["username"] = actor }, ["ip"] = ip, ["useragent"] = "linode-cli/5.0",
                ["status"] = status, ["entity"] = new JsonObject { ["id"] = entityId, ["type"] = entityType },
            },
        }.ToJsonString();

    public static string Login(string id, DateTimeOffset time, string code = "login-failure", string actor = "alice@example.com", string ip = "198.51.100.7") =>
        new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = id, ["source"] = "/service/login", ["type"] = "com.akamai.audit.login", ["time"] = Iso(time),
            ["data"] = new JsonObject
            {
                ["eventcode"] = code, ["user"] = new JsonObject { ["username"] = actor }, ["ip"] = ip,
                ["status"] = code == "login-failure" ? "failure" : "success",
            },
        }.ToJsonString();

    public static string K8s(
        string id, DateTimeOffset time, string verb, string resource, string? subresource = null, string actor = "kube-admin",
        string ip = "203.0.113.9", int code = 200, string stage = "ResponseComplete")
    {
        var objectRef = new JsonObject { ["resource"] = resource, ["namespace"] = "default", ["name"] = "web-1", ["apiVersion"] = "v1" };
        if (subresource is not null)
        {
            objectRef["subresource"] = subresource;
        }

        return new JsonObject
        {
            ["kind"] = "Event", ["apiVersion"] = "audit.k8s.io/v1", ["level"] = "Metadata", ["auditID"] = id, ["stage"] = stage,
            ["requestURI"] = $"/api/v1/namespaces/default/{resource}", ["verb"] = verb,
            ["user"] = new JsonObject { ["username"] = actor }, ["sourceIPs"] = new JsonArray(ip), ["userAgent"] = "kubectl/v1.31",
            ["objectRef"] = objectRef, ["responseStatus"] = new JsonObject { ["metadata"] = new JsonObject(), ["code"] = code },
            ["requestReceivedTimestamp"] = Iso(time), ["stageTimestamp"] = Iso(time),
        }.ToJsonString();
    }

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static long Unix(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
}
