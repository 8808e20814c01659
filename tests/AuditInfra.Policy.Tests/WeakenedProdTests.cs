using AuditInfra.Policy.Rules;
using AuditInfra.Policy.Tests.Support;
using AuditInfra.TestSupport;

namespace AuditInfra.Policy.Tests;

/// <summary>
/// The committed stacks pass; the committed prod stack weakened in any one rule fails, through the real
/// command line, with that rule's id and exit code 1. Each weakened copy is made in a temp folder.
/// </summary>
public sealed class WeakenedProdTests
{
    private const string Prod = "Pulumi.prod.yaml";
    private const string Program = "Pulumi.yaml";

    public static TheoryData<string> DenyRulesForProd() =>
        [.. RuleCatalog.All.Select(r => r.Info).Where(r => r.Severity == Severity.Deny && r.AppliesTo("prod")).Select(r => r.Id)];

    [Fact]
    public async Task Committed_stacks_pass_through_the_command_line()
    {
        var run = await CliRunner.RunAsync("policy", "check", "--project", RepoPaths.Root);
        Assert.True(run.Exit == 0, run.Output + run.Error);
        Assert.Contains("checked stack dev", run.Output, StringComparison.Ordinal);
        Assert.Contains("checked stack prod", run.Output, StringComparison.Ordinal);
        Assert.Contains("policy: pass: 0 denied", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Committed_stacks_pass_with_their_previews()
    {
        using var copy = ProjectCopy.Committed();
        var report = Checks.Run(copy.Path, previews: [PreviewFixture.Load("prod").WriteTo(copy.Path, "prod.json"), PreviewFixture.Load("dev").WriteTo(copy.Path, "dev.json")]);
        Assert.True(report.Passes, report.Describe());
        Assert.Equal(4, report.Checked.Count);
        // dev keeps GOVERNANCE on purpose: reported as a warning, in the program and in its preview.
        Assert.All(report.Findings, f => Assert.Equal(("AUDIT003", "dev"), (f.Rule.Id, f.Stack)));
    }

    [Fact]
    public void Every_deny_rule_that_applies_to_prod_has_a_weakening()
    {
        Assert.Equal(16, DenyRulesForProd().Count);
    }

    [Theory]
    [MemberData(nameof(DenyRulesForProd))]
    public async Task Prod_weakened_in_one_rule_fails_with_its_id(string ruleId)
    {
        using var copy = ProjectCopy.Committed();
        var extra = Weaken(copy, ruleId);
        string[] project = extra.Contains("--project") ? [] : ["--project", copy.Path];
        var run = await CliRunner.RunAsync(["policy", "check", .. project, "--stack", "prod", "--format", "json", .. extra]);
        Assert.True(run.Exit == 1, $"exit {run.Exit}: {run.Output}{run.Error}");
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var denied = json.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("severity").GetString() == "deny" && f.GetProperty("suppressed").ValueKind == System.Text.Json.JsonValueKind.Null)
            .Select(f => f.GetProperty("ruleId").GetString())
            .ToList();
        Assert.Contains(ruleId, denied);
    }

    private static string[] Weaken(ProjectCopy copy, string ruleId)
    {
        switch (ruleId)
        {
            case "AUDIT001":
                copy.Remove(Program, "resources/auditPipeline/properties/retention");
                return [];
            case "AUDIT002":
                copy.Set(Prod, "config/audit-logs:retentionMode", "GOVERNANCE");
                return [];
            case "AUDIT004":
                copy.Set(Prod, "config/audit-logs:retentionDays", "30");
                return [];
            case "AUDIT005":
                // Still above prod's 365-day minimum, so only the comparison with the base branch catches it.
                var head = Directory.CreateDirectory(Path.Combine(copy.Path, "head")).FullName;
                foreach (var file in Directory.EnumerateFiles(copy.Path, "*.yaml"))
                {
                    File.Copy(file, Path.Combine(head, Path.GetFileName(file)));
                }

                File.WriteAllText(Path.Combine(head, Prod), File.ReadAllText(Path.Combine(head, Prod)).Replace("retentionDays: 400", "retentionDays: 380", StringComparison.Ordinal));
                Assert.Contains("380", File.ReadAllText(Path.Combine(head, Prod)), StringComparison.Ordinal);
                return ["--project", head, "--base", copy.Path];
            case "AUDIT006":
                copy.AddResource("secondAuditStream", """
                    type: linode:MonitorLogsStream
                    properties:
                      label: second
                      type: audit_logs
                      destinations:
                        - ${auditPipeline.destinationId}
                    options:
                      protect: true
                    """);
                return [];
            case "AUDIT007":
                copy.AddResource("foreignStream", """
                    type: linode:MonitorLogsStream
                    properties:
                      label: elsewhere
                      type: lke_audit_logs
                      destinations:
                        - 999
                    options:
                      protect: true
                    """);
                return [];
            case "AUDIT008":
                copy.AddResource("plainCluster", """
                    type: linode:LkeCluster
                    properties:
                      label: plain
                      region: us-ord
                      k8sVersion: "1.32"
                      pools:
                        - type: g6-standard-2
                          count: 3
                    """);
                return [];
            case "AUDIT009":
                copy.Remove(Program, "resources/auditPipeline/properties/lkeClusterIds");
                return [];
            case "AUDIT010":
                copy.AddResource("wideKey", """
                    type: linode:ObjectStorageKey
                    properties:
                      label: wide
                      bucketAccesses:
                        - bucketName: ${auditPipeline.bucketName}
                          region: us-ord
                          permissions: read_write
                        - bucketName: another-bucket
                          region: us-ord
                          permissions: read_write
                    """).AddResource("secondDestination", """
                    type: linode:MonitorLogsDestination
                    properties:
                      label: second
                      type: akamai_object_storage
                      akamaiObjectStorageDetails:
                        accessKeyId: ${wideKey.accessKey}
                        accessKeySecret: ${wideKey.secretKey}
                        bucketName: ${auditPipeline.bucketName}
                        host: ${auditPipeline.hostname}
                    options:
                      protect: true
                    """);
                return [];
            case "AUDIT011":
                copy.AddResource("investigatorKey", """
                    type: linode:ObjectStorageKey
                    properties:
                      label: investigator
                      bucketAccesses:
                        - bucketName: ${auditPipeline.bucketName}
                          region: us-ord
                          permissions: read_write
                    """);
                return [];
            case "AUDIT012":
                copy.Set(Prod, "config/linode:token", "0123456789abcdef0123456789abcdef");
                return [];
            case "AUDIT013":
                var preview = PreviewFixture.Load("prod").Change("auditPipeline-bucket", s => s["op"] = "replace").WriteTo(copy.Path);
                return ["--preview", preview];
            case "AUDIT014":
                copy.Remove(Program, "resources/auditPipeline/options/protect");
                return [];
            case "AUDIT015":
                // The period becomes another resource's output: no file says what it will be.
                copy.Set(Program, "resources/auditPipeline/properties/retention/days", "${auditedCluster.poolCount}");
                return [];
            case "AUDIT016":
                // The change deletes the production stack's file; the base branch still has it.
                var changed = Directory.CreateDirectory(Path.Combine(copy.Path, "changed")).FullName;
                foreach (var file in Directory.EnumerateFiles(copy.Path, "*.yaml").Where(f => Path.GetFileName(f) != Prod))
                {
                    File.Copy(file, Path.Combine(changed, Path.GetFileName(file)));
                }

                return ["--project", changed, "--base", copy.Path];
            case "AUDIT017":
                copy.AddResource("sealerKey", """
                    type: linode:ObjectStorageKey
                    properties:
                      label: acme-audit-logs-sealer
                    """);
                return [];
            default:
                throw new InvalidOperationException($"no weakening written for {ruleId}: add one here");
        }
    }
}
