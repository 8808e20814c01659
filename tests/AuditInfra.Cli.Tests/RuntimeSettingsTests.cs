using System.Text.Json;
using AuditInfra.TestSupport;

namespace AuditInfra.Cli.Tests;

/// <summary>
/// Runtime settings the CLI's speed depends on, read from the built CLI's <c>auditinfra.runtimeconfig.json</c> (the
/// native build compiles the same <c>RuntimeHostConfigurationOption</c> items in as runtime knobs). They have no
/// visible effect on output, so without this a cleanup of the project file could drop them silently.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Theory]
    [InlineData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", "0")]
    [InlineData("System.GC.Concurrent", "false")]
    [InlineData("System.Runtime.TieredPGO", "false")]
    public void The_built_cli_carries_the_setting(string name, string expected)
    {
        var path = Path.ChangeExtension(BuiltCli.DllPath(), ".runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty(name, out var value), $"{name} is missing from {path}");
        Assert.Equal(expected, value.ToString().ToLowerInvariant());
    }
}
