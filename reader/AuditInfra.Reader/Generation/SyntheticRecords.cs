using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using AuditInfra.Reader.Catalog;

namespace AuditInfra.Reader.Generation;

/// <summary>
/// Writes realistic records: CloudEvents 1.0 with the assumed <c>data</c> shape (DESIGN.md) for config and sign-in
/// files, Kubernetes <c>audit.k8s.io/v1</c> Events for LKE files. Draws everything from the caller's Random.
/// </summary>
internal static class SyntheticRecords
{
    private static readonly string[] Users = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];
    private static readonly string[] Agents = ["linode-cli/5.56.0", "Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0", "terraform-provider-linode/2.31.0", "pulumi-linode/6.6.0"];
    private static readonly string[] LoginCodes = ["login-success", "login-success", "login-success", "login-failure", "logout"];
    private static readonly string[] Verbs = ["create", "update", "patch", "delete"];
    private static readonly string[] Resources = ["pods", "deployments", "secrets", "configmaps", "services", "rolebindings"];
    private static readonly string[] Namespaces = ["default", "kube-system", "payments", "web"];

    /// <summary>
    /// A record id in UUID form that is unique by construction within one delivery: the object's serial and the
    /// line number fill the first 8 bytes, the caller's random the other 8 (so ids still look random to a reader).
    /// </summary>
    /// <param name="random">Source of the random half.</param>
    /// <param name="serial">The object's serial in the delivery plan; -1 for ids the generator injects on purpose.</param>
    /// <param name="line">The 1-based line in the object.</param>
    public static string RecordId(Random random, int serial, int line)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        BinaryPrimitives.WriteInt32BigEndian(bytes, serial);
        BinaryPrimitives.WriteInt32BigEndian(bytes[4..], line);
        return new Guid(bytes).ToString();
    }

    /// <summary>A random UUID text, for ids that need not be unique by construction (request ids).</summary>
    public static string NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    public static void WriteConfig(Utf8JsonWriter json, Random random, string id, DateTimeOffset time, EventCode code) =>
        WriteCloudEvent(json, random, id, time, "com.akamai.audit.config", "/service/" + Slug(code.Group), code.Code, EntityType(code));

    public static void WriteLogin(Utf8JsonWriter json, Random random, string id, DateTimeOffset time) =>
        WriteCloudEvent(json, random, id, time, "com.akamai.audit.login", "/service/login", LoginCodes[random.Next(LoginCodes.Length)], null);

    public static void WriteCloudEvent(Utf8JsonWriter json, Random random, string id, DateTimeOffset time, string type, string source, string code, string? entityType)
    {
        var user = Users[random.Next(Users.Length)];
        json.WriteStartObject();
        json.WriteString("specversion", "1.0");
        json.WriteString("id", id);
        json.WriteString("source", source);
        json.WriteString("type", type);
        json.WriteString("time", Rfc3339(time));
        json.WriteString("datacontenttype", "application/json");
        json.WriteStartObject("data");
        json.WriteString("eventcode", code);
        json.WriteStartObject("user");
        json.WriteString("username", user);
        json.WriteString("email", user + "@example.com");
        json.WriteEndObject();
        json.WriteString("ip", $"203.0.113.{random.Next(1, 255)}");
        json.WriteString("useragent", Agents[random.Next(Agents.Length)]);
        json.WriteString("status", random.Next(20) == 0 || code == "login-failure" ? "failure" : "success");
        if (entityType is not null)
        {
            json.WriteStartObject("entity");
            json.WriteNumber("id", random.Next(100_000, 99_999_999));
            json.WriteString("type", entityType);
            json.WriteString("label", $"{entityType}-{random.Next(1, 50)}");
            json.WriteEndObject();
        }

        json.WriteString("request_id", NewId(random));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteKubernetes(Utf8JsonWriter json, Random random, string id, DateTimeOffset time)
    {
        var verb = Verbs[random.Next(Verbs.Length)];
        var resource = Resources[random.Next(Resources.Length)];
        var ns = Namespaces[random.Next(Namespaces.Length)];
        var name = $"{resource.TrimEnd('s')}-{random.Next(1, 200)}";
        var code = verb == "create" ? 201 : random.Next(25) == 0 ? 403 : 200;
        json.WriteStartObject();
        json.WriteString("kind", "Event");
        json.WriteString("apiVersion", "audit.k8s.io/v1");
        json.WriteString("level", "Metadata");
        json.WriteString("auditID", id);
        json.WriteString("stage", "ResponseComplete");
        json.WriteString("requestURI", $"/apis/apps/v1/namespaces/{ns}/{resource}" + (verb == "create" ? string.Empty : "/" + name));
        json.WriteString("verb", verb);
        json.WriteStartObject("user");
        json.WriteString("username", Users[random.Next(Users.Length)] + "@example.com");
        json.WriteStartArray("groups");
        json.WriteStringValue("system:authenticated");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("sourceIPs");
        json.WriteStringValue($"198.51.100.{random.Next(1, 255)}");
        json.WriteEndArray();
        json.WriteString("userAgent", "kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46");
        json.WriteStartObject("objectRef");
        json.WriteString("resource", resource);
        json.WriteString("namespace", ns);
        json.WriteString("name", name);
        json.WriteString("apiGroup", "apps");
        json.WriteString("apiVersion", "v1");
        json.WriteEndObject();
        json.WriteStartObject("responseStatus");
        json.WriteStartObject("metadata");
        json.WriteEndObject();
        json.WriteNumber("code", code);
        json.WriteEndObject();
        json.WriteString("requestReceivedTimestamp", Rfc3339Micro(time.AddMilliseconds(-random.Next(1, 50))));
        json.WriteString("stageTimestamp", Rfc3339Micro(time));
        json.WriteStartObject("annotations");
        json.WriteString("authorization.k8s.io/decision", code == 403 ? "forbid" : "allow");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Rfc3339Micro(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string Slug(string group) => group.ToLowerInvariant().Replace(' ', '-');

    private static string EntityType(EventCode code) => Slug(code.Group).TrimEnd('s');

    /// <summary>A JSON writer over a reusable buffer; one per object.</summary>
    public static Utf8JsonWriter NewWriter(ArrayBufferWriter<byte> buffer) =>
        new(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
