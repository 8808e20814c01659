using System.Collections;
using AuditInfra.Reader.Configuration;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Configuration;

public class ReaderConfigurationTests
{
    [Fact]
    public void Flags_override_environment_which_overrides_the_settings_file()
    {
        using var dir = new TempDirectory("config");
        var file = dir.Combine("settings.json");
        File.WriteAllText(file, """{"Source":"from-file","Path":"file-path","MaxFindings":7,"S3":{"Endpoint":"http://file","Region":"file-region"},"Fields":{"Actor":"data.who"}}""");
        var env = new Hashtable { ["AUDITINFRA_S3__ENDPOINT"] = "http://env", ["AUDITINFRA_PATH"] = "env-path", ["OTHER"] = "x" };
        var settings = ReaderConfiguration.Load(file, [new("Path", "flag-path"), new("Source", null)], env);
        Assert.Equal("from-file", settings.Source);
        Assert.Equal("flag-path", settings.Path);
        Assert.Equal("http://env", settings.S3.Endpoint);
        Assert.Equal("file-region", settings.S3.Region);
        Assert.Equal(7, settings.MaxFindings);
        Assert.Equal("data.who", settings.Fields.Actor);
        Assert.Equal("data.eventcode", settings.Fields.EventCode);
    }

    [Fact]
    public void A_missing_or_broken_settings_file_names_the_file()
    {
        using var dir = new TempDirectory("config");
        var missing = Assert.Throws<ReaderConfigurationException>(() => ReaderConfiguration.Load(dir.Combine("nope.json"), [], new Hashtable()));
        Assert.Contains("nope.json does not exist", missing.Message, StringComparison.Ordinal);
        var broken = dir.Combine("broken.json");
        File.WriteAllText(broken, "{\"Source\": ");
        var ex = Assert.Throws<ReaderConfigurationException>(() => ReaderConfiguration.Load(broken, [], new Hashtable()));
        Assert.Contains("broken.json is not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_its_key()
    {
        var ex = Assert.Throws<ReaderConfigurationException>(() => ReaderConfiguration.Load(null, [new("MaxFindings", "many")], new Hashtable()));
        Assert.Contains("MaxFindings", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MaxLineBytes", "100")]
    [InlineData("MaxKubernetesLineBytes", "0")]
    [InlineData("MaxJsonDepth", "5000")]
    public void Line_and_depth_limits_out_of_range_name_their_setting(string key, string value)
    {
        var ex = Assert.Throws<ReaderConfigurationException>(() => ReaderConfiguration.Load(null, [new(key, value)], new Hashtable()));
        Assert.StartsWith(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_default_to_what_an_api_server_writes_and_are_configurable()
    {
        var defaults = ReaderConfiguration.Load(null, [], new Hashtable()).Limits;
        Assert.True(defaults.MaxKubernetesLineBytes >= 8 << 20 && defaults.MaxJsonDepth >= 256);
        var set = ReaderConfiguration.Load(null, [new("MaxKubernetesLineBytes", "2048"), new("MaxJsonDepth", "32")], new Hashtable()).Limits;
        Assert.Equal(new AuditInfra.Reader.Reading.ReadLimits(defaults.MaxLineBytes, 2048, 32), set);
    }
}
