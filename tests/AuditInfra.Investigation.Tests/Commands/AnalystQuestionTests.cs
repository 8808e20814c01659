using System.Text.Json;
using System.Text.Json.Nodes;
using AuditInfra.Investigation.Tests.Fixtures;
using AuditInfra.TestSupport;
using static AuditInfra.Investigation.Tests.Fixtures.DeliveryBuilder;

namespace AuditInfra.Investigation.Tests.Commands;

/// <summary>
/// What an analyst following a trail asks, through the command line: who really acted (e-mail beside a user name,
/// Kubernetes impersonation), Kubernetes requests rather than stage Events, accounts, the record's time precision.
/// </summary>
public sealed class AnalystQuestionTests : IDisposable
{
    private const string OtherAccount = "0A1B2C3D-4E5F-4A6B-8C7D8E9F0A1B2C3D";
    private static readonly DateOnly Day = new(2026, 10, 14);
    private readonly TempDirectory _dir = new("analyst");

    public AnalystQuestionTests()
    {
        var d = new DeliveryBuilder();
        d.AddConfig(Day,
            CloudEvent("e1", "16:00:00.123456Z", "post-personal-access-token", new JsonObject { ["username"] = "dana", ["email"] = "dana@example.org" }),
            CloudEvent("e2", "16:01:00.123456Z", "delete-linode-instance", new JsonObject { ["email"] = "dana@example.org" }),
            CloudEvent("e3", "16:02:00.5Z", "delete-linode-instance", new JsonObject { ["username"] = "sam", ["email"] = "sam@example.org" }));
        d.AddLke(Day,
            KubeEvent("11111111-1111-4111-8111-111111111111", "ResponseStarted", "watch", "pods", null, "default", null, "system:node:node-a", "09:00:00.123456Z"),
            KubeEvent("22222222-2222-4222-8222-222222222222", "RequestReceived", "create", "pods", "exec", "shop", "web-0", "dana", "09:00:05.123456Z"),
            KubeEvent("22222222-2222-4222-8222-222222222222", "ResponseStarted", "create", "pods", "exec", "shop", "web-0", "dana", "09:00:05.123456Z"),
            KubeEvent("33333333-3333-4333-8333-333333333333", "ResponseComplete", "get", "configmaps", null, "shop", "app", "eli", "09:00:07.123456Z"),
            KubeEvent("11111111-1111-4111-8111-111111111111", "ResponseComplete", "watch", "pods", null, "default", null, "system:node:node-a", "09:05:00.123456Z"),
            KubeEvent("22222222-2222-4222-8222-222222222222", "ResponseComplete", "create", "pods", "exec", "shop", "web-0", "dana", "09:07:30.123456Z"),
            KubeEvent("44444444-4444-4444-8444-444444444444", "ResponseComplete", "delete", "secrets", null, "shop", "db", "ops-admin", "17:00:00.654321Z", impersonated: "eli"));
        d.Add($"audit_logs/com.akamai.audit/{OtherAccount}/2026/10/14/akamai_log-000099-1792000000-000099-config.gz",
            CloudEvent("o1", "12:00:00Z", "delete-linode-instance", new JsonObject { ["username"] = "olga" }));
        d.WriteTo(_dir.Path);
    }

    public void Dispose() => _dir.Dispose();

    private Task<(int Exit, string Out, string Err)> Run(params string[] args) =>
        CliRunner.RunAsync([args[0], "--source", _dir.Path, "--from", "2026-10-14", "--to", "2026-10-14", .. args[1..]]);

    [Theory]
    [InlineData("dana@example.org", new[] { "e1", "e2" })]
    [InlineData("dana", new[] { "e1" })]
    [InlineData("*@example.org", new[] { "e1", "e2", "e3" })]
    [InlineData("sam@example.org", new[] { "e3" })]
    public async Task The_actor_filter_matches_the_user_name_or_the_e_mail_wherever_present(string actor, string[] expected)
    {
        var (exit, output, error) = await Run("query", "--stream", "audit", "--actor", actor, "--format", "jsonl");
        Assert.True(exit == 0, error);
        Assert.Equal(expected, CliRunner.Ids(output));
    }

    [Theory]
    [InlineData("eli", new[] { "33333333-3333-4333-8333-333333333333", "44444444-4444-4444-8444-444444444444" })]
    [InlineData("ops-admin", new[] { "44444444-4444-4444-8444-444444444444" })]
    public async Task An_impersonated_request_is_found_by_either_user_and_shows_both(string actor, string[] expected)
    {
        var (_, output, _) = await Run("query", "--stream", "lke", "--actor", actor, "--format", "jsonl");
        Assert.Equal(expected, CliRunner.Ids(output));

        var impersonated = JsonDocument.Parse(output.Split('\n')[^2]).RootElement;
        Assert.Equal("eli", impersonated.GetProperty("actor").GetString());
        Assert.Equal("ops-admin", impersonated.GetProperty("authenticated_user").GetString());

        var (_, table, _) = await Run("query", "--actor", "ops-admin");
        Assert.Contains("eli via ops-admin", table, StringComparison.Ordinal);
        var (_, csv, _) = await Run("query", "--actor", "ops-admin", "--format", "csv");
        Assert.Contains(",eli,ops-admin,", csv, StringComparison.Ordinal);

        var (_, options, _) = await Run("filter-options", "--stream", "lke", "--format", "json");
        var actors = JsonDocument.Parse(options).RootElement.GetProperty("actors").EnumerateArray()
            .ToDictionary(a => a.GetProperty("value").GetString()!, a => a.GetProperty("count").GetInt64());
        Assert.Equal(2, actors["eli"]);
        Assert.Equal(1, actors["ops-admin"]);
    }

    [Fact]
    public async Task Kubernetes_requests_count_once_in_filter_options_and_detect()
    {
        var (_, options, _) = await Run("filter-options", "--stream", "lke", "--format", "json");
        var root = JsonDocument.Parse(options).RootElement;
        Assert.Equal(7, root.GetProperty("records").GetInt64());
        Assert.Equal(7, root.GetProperty("kubernetes_events").GetInt64());
        Assert.Equal(4, root.GetProperty("kubernetes_requests").GetInt64());
        var codes = root.GetProperty("codes").EnumerateArray().ToDictionary(c => c.GetProperty("value").GetString()!, c => c.GetProperty("count").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["watch pods"] = 1, ["create pods/exec"] = 1, ["get configmaps"] = 1, ["delete secrets"] = 1 }, codes);
        Assert.Contains("7 stage Event(s) of 4 request(s)", (await Run("filter-options", "--stream", "lke")).Out, StringComparison.Ordinal);

        var (exit, json, _) = await Run("detect", "--format", "json");
        Assert.Equal(1, exit);
        var exec = JsonDocument.Parse(json).RootElement.GetProperty("detections").EnumerateArray().Single(d => d.GetProperty("rule").GetString() == "k8s-exec");
        Assert.Equal(1, exec.GetProperty("count").GetInt32());
        Assert.Equal("2026-10-14T09:00:05.123456Z", exec.GetProperty("first").GetString());
    }

    [Theory]
    [InlineData(new[] { "--code", "get configmaps" }, 1)]
    [InlineData(new[] { "--code", "create pods/exec" }, 3)]
    [InlineData(new[] { "--verb", "create", "--subresource", "exec" }, 3)]
    [InlineData(new[] { "--resource", "secrets", "--namespace", "shop", "--name", "db" }, 1)]
    [InlineData(new[] { "--namespace", "sho*" }, 5)]
    [InlineData(new[] { "--q", "shop/web-0" }, 3)]
    [InlineData(new[] { "--code", "delete-*" }, 3)]
    [InlineData(new[] { "--code", "delete-*,delete secrets" }, 4)]
    public async Task Kubernetes_filters_select_what_filter_options_lists(string[] filters, int matches)
    {
        var (exit, _, error) = await Run(["query", "--format", "jsonl", .. filters]);
        Assert.True(exit == 0, error);
        Assert.Contains($"query: {matches} match(es)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Kubernetes_filter_with_a_stream_that_leaves_Kubernetes_out_is_an_error()
    {
        var (exit, output, error) = await Run("query", "--stream", "audit", "--verb", "get");
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("add --stream lke", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_account_filter_reads_only_that_account_and_every_output_names_the_account()
    {
        var (_, output, _) = await Run("query", "--account", OtherAccount.ToLowerInvariant(), "--format", "jsonl");
        var record = JsonDocument.Parse(Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        Assert.Equal("o1", record.GetProperty("id").GetString());
        Assert.Equal(OtherAccount, record.GetProperty("account").GetString());

        var (_, table, error) = await Run("query", "--account", Account, "--code", "delete-linode-instance");
        Assert.Contains(Account, table, StringComparison.Ordinal);
        Assert.DoesNotContain(OtherAccount, table, StringComparison.Ordinal);
        Assert.Contains("2 match(es)", error, StringComparison.Ordinal);

        var (_, options, _) = await Run("filter-options", "--format", "json");
        Assert.Equal(
            [OtherAccount, Account],
            JsonDocument.Parse(options).RootElement.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("value").GetString()!).Order(StringComparer.Ordinal));

        var (detectExit, _, _) = await Run("detect", "--account", OtherAccount, "--format", "json");
        Assert.Equal(0, detectExit);
    }

    [Fact]
    public async Task Times_keep_the_record_s_precision()
    {
        var (_, output, _) = await Run("query", "--format", "jsonl", "--limit", "0");
        var times = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("time").GetString()).ToArray();
        Assert.Contains("2026-10-14T17:00:00.654321Z", times);
        Assert.Contains("2026-10-14T16:02:00.500Z", times);
        Assert.Contains("2026-10-14T12:00:00.000Z", times);
        var (_, table, _) = await Run("query", "--actor", "ops-admin");
        Assert.Contains("2026-10-14T17:00:00.654321Z", table, StringComparison.Ordinal);
    }

    private static string CloudEvent(string id, string time, string code, JsonObject user) => new JsonObject
    {
        ["specversion"] = "1.0", ["id"] = id, ["source"] = "/service/linodes", ["type"] = "com.akamai.audit.config", ["time"] = $"2026-10-14T{time}",
        ["data"] = new JsonObject { ["eventcode"] = code, ["user"] = user, ["ip"] = "192.0.2.10", ["status"] = "success" },
    }.ToJsonString();

    private static string KubeEvent(
        string id, string stage, string verb, string resource, string? subresource, string ns, string? name, string user, string time, string? impersonated = null)
    {
        var objectRef = new JsonObject { ["resource"] = resource, ["namespace"] = ns, ["apiVersion"] = "v1" };
        if (name is not null)
        {
            objectRef["name"] = name;
        }

        if (subresource is not null)
        {
            objectRef["subresource"] = subresource;
        }

        var e = new JsonObject
        {
            ["kind"] = "Event", ["apiVersion"] = "audit.k8s.io/v1", ["level"] = "Metadata", ["auditID"] = id, ["stage"] = stage,
            ["requestURI"] = $"/api/v1/namespaces/{ns}/{resource}", ["verb"] = verb, ["user"] = new JsonObject { ["username"] = user },
            ["sourceIPs"] = new JsonArray("198.51.100.77"), ["objectRef"] = objectRef,
            ["requestReceivedTimestamp"] = $"2026-10-14T{time}", ["stageTimestamp"] = $"2026-10-14T{time}",
        };
        if (stage != "RequestReceived")
        {
            e["responseStatus"] = new JsonObject { ["code"] = 200 };
        }

        if (impersonated is not null)
        {
            e["impersonatedUser"] = new JsonObject { ["username"] = impersonated };
        }

        return e.ToJsonString();
    }
}
