using System.Text;
using AuditInfra.Policy.Input;
using AuditInfra.Policy.Preview;
using CsCheck;

namespace AuditInfra.Policy.Tests;

/// <summary>
/// Property tests of the policy's YAML and JSON readers (CsCheck): for any text built from the pieces of YAML,
/// JSON and Pulumi files, mutated at random, a reader returns a value or throws <see cref="PolicyInputException"/>
/// (one line, exit 2 in the CLI), never any other exception. A failing input is shrunk and printed by CsCheck.
/// </summary>
public sealed class ReaderPropertyTests
{
    private static readonly string[] Pieces =
    [
        "config:", "\n", "  ", "- ", ": ", "{", "}", "[", "]", ",", "&a ", "*a", "!Ref ", "!!str ", "secure: ", "'", "\"", "#",
        "---", "...", "? ", "|", ">", "\t", "audit-logs:retentionDays", "400", "~", "null", "${x}", "fn::invoke", "resources:",
        "type: ", "\u00e9", "\ud83d\ude00", "\\", "%YAML 1.2", "<<: ", "steps", "\"urn\"", "urn:pulumi:prod::p::t::n", "\"op\"", "0x1F",
    ];

    private static readonly Gen<string> Texts =
        Gen.OneOf(Gen.OneOf<string>(Pieces), Gen.String[Gen.Char.AlphaNumeric, 0, 4]).Array[0, 60].Select(parts => string.Concat(parts));

    [Fact]
    public void Yaml_reader_returns_a_mapping_or_one_input_error()
    {
        Texts.Sample(text =>
        {
            try
            {
                YamlFileReader.ParseMapping(text, "fuzz.yaml");
            }
            catch (PolicyInputException ex)
            {
                Assert.DoesNotContain('\n', ex.Message);
            }
        }, iter: 5_000);
    }

    /// <summary>Inputs the property tests found: each once crashed a reader with another exception.</summary>
    [Theory]
    [InlineData("- [...400\npV>---!!str xUH")]
    public void Yaml_found_by_the_property_test_is_an_input_error(string text) =>
        Assert.Contains("not valid YAML", Assert.Throws<PolicyInputException>(() => YamlFileReader.ParseMapping(text, "found.yaml")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("{\"steps\": [400]}")]
    [InlineData("{\"steps\": [{\"urn\": \"urn:pulumi:prod::p::t::n\", \"op\": \"create\", \"newState\": {\"inputs\": 5}}]}")]
    public void Preview_found_by_the_property_test_is_an_input_error_or_read(string text)
    {
        try
        {
            PreviewReader.Parse(text, "found.json", null);
        }
        catch (PolicyInputException ex)
        {
            Assert.StartsWith("found.json", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Deep_or_aliased_yaml_is_always_refused()
    {
        Gen.Int[65, 5_000].Sample(depth =>
        {
            var error = Assert.Throws<PolicyInputException>(() => YamlFileReader.ParseMapping("a: " + new string('[', depth) + new string(']', depth), "deep.yaml"));
            Assert.Contains("nested deeper than", error.Message, StringComparison.Ordinal);
        }, iter: 50);
    }

    [Fact]
    public void Preview_reader_returns_a_document_or_one_input_error()
    {
        var json = Gen.OneOf(
            Texts,
            Texts.Select(t => "{\"steps\": [" + t + "]}"),
            Texts.Select(t => "{\"steps\": [{\"urn\": \"urn:pulumi:prod::p::t::n\", \"op\": \"create\", \"newState\": {" + t + "}}]}"));
        json.Sample(text =>
        {
            try
            {
                PreviewReader.Parse(text, "fuzz.json", null);
            }
            catch (PolicyInputException ex)
            {
                Assert.DoesNotContain('\n', ex.Message);
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Text_that_is_not_utf8_is_one_input_error()
    {
        Gen.Byte.Array[1, 64].Sample(bytes =>
        {
            var path = Path.Combine(Path.GetTempPath(), $"policy-fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}.yaml");
            File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("a: "), 0xC3, 0x28, .. bytes]);
            try
            {
                var error = Assert.Throws<PolicyInputException>(() => YamlFileReader.ReadMapping(path, "bytes.yaml"));
                Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(path);
            }
        }, iter: 20);
    }
}
