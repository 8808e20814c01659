using System.Text;
using System.Text.Json;
using AuditInfra.Reader.Fuzz.Targets;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Tests.Records;

/// <summary>
/// The vectorized scan (<see cref="StructuralCursor"/> and its walk) against the per-token scan, Utf8JsonReader
/// alone and <see cref="JsonDocument"/> (<see cref="ScanAgreement"/>): valid and invalid lines, every token at
/// every offset of the 64-byte blocks, escapes and backslash runs across block ends, surrogate escapes, depth
/// limits, and thousands of mutated records. A test that needs the vectorized scan to have decided a line asserts
/// it, so none passes vacuously on hardware with AVX2; without it they check that the other scans agree.
/// </summary>
public class StructuralScanAgreementTests
{
    private const string ConfigRecord =
        """{"specversion":"1.0","id":"6d41a34b-2267-b29a-adea-7c41bbde8c6d","source":"/service/ip-addresses","type":"com.akamai.audit.config","time":"2026-11-03T05:53:06.557Z","datacontenttype":"application/json","data":{"eventcode":"post-allocate-ip","user":{"username":"carol","email":"carol@example.com"},"ip":"203.0.113.14","useragent":"Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0","status":"success","entity":{"id":95137909,"type":"ip-addresse","label":"ip-addresse-20"},"request_id":"91e0d960-5e76-67d6-5bd3-58a5eadd81ca"}}""";

    private const string KubernetesRecord =
        """{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"0d000000-0000-0100-ec5b-db8f515766df","stage":"ResponseComplete","requestURI":"/apis/apps/v1/namespaces/web/pods/pod-103?labelSelector=a\u0026b","verb":"patch","user":{"username":"heidi@example.com","groups":["system:authenticated"]},"impersonatedUser":{"username":"system:serviceaccount:web:deployer"},"sourceIPs":["198.51.100.42","10.0.0.1"],"userAgent":"kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46","objectRef":{"resource":"pods","namespace":"web","name":"pod-103","apiGroup":"apps","apiVersion":"v1","subresource":"exec"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2026-11-03T15:47:41.764000Z","stageTimestamp":"2026-11-03T15:47:41.807000Z","annotations":{"authorization.k8s.io/decision":"allow","x":[1,-2.5e+3,true,false,null,{"deep":[[]]}]}}""";

    private readonly ScanAgreement _agreement = new();

    [Fact]
    public void Delivered_records_take_the_vectorized_scan_and_agree_with_the_others()
    {
        Assert.Equal((Indexed, true), _agreement.Check(Encoding.UTF8.GetBytes(ConfigRecord), LogCategory.Config));
        Assert.Equal((Indexed, true), _agreement.Check(Encoding.UTF8.GetBytes(KubernetesRecord), LogCategory.Kubernetes));
        Assert.Equal((Indexed, true), _agreement.Check(Encoding.UTF8.GetBytes(Gz.CloudEvent("x-1")), LogCategory.Config));
        Assert.Equal((Indexed, true), _agreement.Check(Encoding.UTF8.GetBytes(Gz.K8sEvent("k-1")), LogCategory.Kubernetes));
    }

    [Fact]
    public void Records_decode_the_same_whichever_scan_reads_them()
    {
        foreach (var (line, category) in new[] { (ConfigRecord, LogCategory.Config), (KubernetesRecord, LogCategory.Kubernetes) })
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var fast = new RecordParser().Parse(bytes, category, out var e1)!;
            var reader = new RecordParser { FirstScan = RecordScan.Reader }.Parse(bytes, category, out var e2)!;
            Assert.Null(e1);
            Assert.Null(e2);
            Assert.Equal(JsonSerializer.Serialize(reader), JsonSerializer.Serialize(fast));
        }

        var k8s = new RecordParser().Parse(Encoding.UTF8.GetBytes(KubernetesRecord), LogCategory.Kubernetes, out _)!;
        Assert.Equal("/apis/apps/v1/namespaces/web/pods/pod-103?labelSelector=a&b", k8s.RequestUri);
        Assert.Equal("system:serviceaccount:web:deployer", k8s.Actor);
        Assert.Equal("198.51.100.42", k8s.SourceIp);
        Assert.Equal(200, k8s.ResponseCode);
    }

    /// <summary>Strings that stress stage 1: escapes, backslash runs, operators and quotes inside strings, non-ASCII.</summary>
    public static TheoryData<string> TrickyStrings() =>
    [
        "\"\"",
        "\"a\\\"b\"",
        "\"\\\\\"",
        "\"\\\\\\\\\"",
        "\"\\\\\\\"\\\\\"",
        "\"x\\\\\\\\\\\\\\\"y\"",
        "\"{}[]:,\\\" \\t\\n\\r\\b\\f\\/\"",
        "\"\\u00e9\\u2713\\u0000\"",
        "\"é ✓ 𝄞\"",
        "\"\\ud83d\\ude00\"",
        "\"" + new string('\\', 64) + "\"",
        "\"" + new string('\\', 63) + "\"\"",
        "\"" + new string('q', 70) + "\\\"" + "\"",
    ];

    [Theory]
    [MemberData(nameof(TrickyStrings))]
    public void Strings_agree_at_every_offset_of_a_block_in_tracked_and_untracked_places(string value)
    {
        var decided = 0;
        for (var pad = 0; pad <= 130; pad++)
        {
            var padding = new string('p', pad);
            var lines = new[]
            {
                $$$"""{"specversion":"1.0","pad":"{{{padding}}}","id":{{{value}}},"source":"s","type":"t","data":{"eventcode":"put-profile","x":{{{value}}}}}""",
                $$$"""{"pad":"{{{padding}}}","specversion":"1.0","id":"i","source":"s","type":"t","data":{"eventcode":{{{value}}},"user":{"username":{{{value}}}}},"k":[{{{value}}},{{{value}}}]}""",
                $$$"""{"specversion":"1.0","id":"i","source":"s","type":"t","data":{"eventcode":"c"},{{{value}}}:{{{value}}},"pad":"{{{padding}}}"}""",
            };
            for (var i = 0; i < lines.Length; i++)
            {
                var (scan, _) = _agreement.Check(Encoding.UTF8.GetBytes(lines[i]), LogCategory.Config);
                decided += i < 2 && scan == Indexed ? 1 : 0; // the third has the value as a tracked level's name
            }
        }

        // Surrogate escapes are left to the full decode; everything else is the vectorized scan's to decide.
        if (!value.Contains("\\ud", StringComparison.Ordinal))
        {
            Assert.Equal(IndexedExpected(2 * 131), decided);
        }
    }

    /// <summary>Values and layouts System.Text.Json rejects, each placed at every offset of a block.</summary>
    public static TheoryData<string> InvalidValues() =>
    [
        "01", "1.", "-", "1e", "1e+", ".5", "+1", "1.2.3", "0x10", "1e5e5", "--1", "-a", "NaN", "Infinity",
        "tru", "nul", "truex", "nulll", "falsy", "True", "undefined",
        "\"\\x\"", "\"\\u12G4\"", "\"\\u12\"", "\"a\tb\"", "\"a\u0001b\"", "\"a\nb\"", "\"ab\\\"", "\"\\\"",
        "[1,]", "[1 2]", "[,1]", "[", "]", "[[]", "[}", "{\"a\" 1}", "{\"a\":1,}", "{,}", "{\"a\"}", "{1:2}", "{\"a\"::1}",
        "\"open", "\"a\"\"b\"", "\"a\" \"b\"", "1 2", "1\\", "\\\"a\\\"", "'a'", "é", "\u0001", "\u007f1",
    ];

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Invalid_values_are_rejected_by_every_scan_at_every_offset(string value)
    {
        for (var pad = 0; pad <= 70; pad++)
        {
            var line = $$$"""{"specversion":"1.0","pad":"{{{new string('p', pad)}}}","id":"x","source":"s","type":"t","extra":{{{value}}},"data":{"eventcode":"put-profile","more":{{{value}}}}}""";
            var (_, accepted) = _agreement.Check(Encoding.UTF8.GetBytes(line), LogCategory.Config);
            Assert.False(accepted);
        }
    }

    /// <summary>
    /// The vectorized scan tells ASCII lines from others on its way, so only those take the full UTF-8 check: bytes
    /// that are not UTF-8 must still make the line "not valid UTF-8", wherever in a block they are and whether the
    /// grammar walk saw them in a tracked value, an untracked one or a name.
    /// </summary>
    [Theory]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]
    [InlineData(new byte[] { 0xE2, 0x9C })]
    [InlineData(new byte[] { 0xFF })]
    public void Bytes_that_are_not_utf8_are_refused_at_every_offset(byte[] bad)
    {
        for (var pad = 0; pad <= 130; pad++)
        {
            var padding = new string('p', pad);
            foreach (var template in new[]
            {
                $$$"""{"specversion":"1.0","pad":"{{{padding}}}","id":"a@b","source":"s","type":"t","data":{"eventcode":"c"}}""",
                $$$"""{"specversion":"1.0","pad":"{{{padding}}}","id":"i","source":"s","type":"t","data":{"eventcode":"c","x":["a@b"]}}""",
                $$$"""{"specversion":"1.0","id":"i","source":"s","type":"t","data":{"eventcode":"c"},"pad":"{{{padding}}}","a@b":1}""",
            })
            {
                var text = Encoding.UTF8.GetBytes(template);
                var at = text.AsSpan().IndexOf((byte)'@');
                byte[] line = [.. text.AsSpan(0, at), .. bad, .. text.AsSpan(at + 1)];
                Assert.False(_agreement.Check(line, LogCategory.Config).Accepted);
                Assert.False(new RecordParser().TryParse(line, LogCategory.Config, out _, out var error));
                Assert.Equal("not valid UTF-8", error);

                // The same line with a valid sequence there is the vectorized scan's to accept.
                byte[] valid = [.. text.AsSpan(0, at), .. "é✓𝄞"u8, .. text.AsSpan(at + 1)];
                Assert.Equal((Indexed, true), _agreement.Check(valid, LogCategory.Config));
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[]")]
    [InlineData("\"s\"")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("{\"specversion\":\"1.0\"}x")]
    [InlineData("{\"specversion\":\"1.0\"} {}")]
    [InlineData("{\"specversion\":\"1.0\"},")]
    [InlineData("x{\"specversion\":\"1.0\"}")]
    [InlineData("{\"specversion\":\"1.0\"}\u0000")]
    [InlineData("\uFEFF{\"specversion\":\"1.0\"}")]
    public void Lines_that_are_not_one_object_are_rejected(string line)
    {
        Assert.False(_agreement.Check(Encoding.UTF8.GetBytes(line), LogCategory.Config).Accepted);
    }

    [Theory]
    [InlineData(" \t{\"specversion\" : \"1.0\" ,\"id\":\"i\",\r\"source\":\"s\",\"type\":\"t\",\"data\":{\"eventcode\":\"c\" } }\t ")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"i\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"eventcode\":\"c\"},\"n\":-0,\"m\":0.0e-0,\"o\":1E+9}")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"i\",\"source\":\"s\",\"type\":\"t\",\"extra\":1,\"extra\":{\"a\":1,\"a\":2},\"data\":{\"eventcode\":\"c\",\"free\":[{\"b\":1,\"b\":2}]}}")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"i\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"eventcode\":\"c\",\"entity\":{\"id\":12,\"type\":null}}}")]
    public void Whitespace_numbers_and_repeated_names_agree(string line)
    {
        Assert.Equal((Indexed, true), _agreement.Check(Encoding.UTF8.GetBytes(line), LogCategory.Config));
    }

    [Theory]
    [InlineData("\"id\":\"i\",\"id\":\"second\",\"data\":{\"eventcode\":\"c\"}")]
    [InlineData("\"id\":\"i\",\"data\":{\"eventcode\":\"c\"},\"data\":{\"username\":\"eve\"}")]
    [InlineData("\"id\":\"i\",\"data\":{\"eventcode\":\"c\",\"eventcode\":\"d\"}")]
    [InlineData("\"id\":\"i\",\"i\\u0064\":\"j\",\"data\":{\"eventcode\":\"c\"}")]
    public void A_repeated_tracked_name_is_refused_by_every_scan(string fields)
    {
        var line = "{\"specversion\":\"1.0\",\"source\":\"s\",\"type\":\"t\"," + fields + "}";
        Assert.Equal((RecordScan.Reader, false), _agreement.Check(Encoding.UTF8.GetBytes(line), LogCategory.Config));
    }

    [Theory]
    [InlineData("\"eventcode\":\"\\ud800\"", false)]
    [InlineData("\"eventcode\":\"\\udfff-x\"", false)]
    [InlineData("\"eventcode\":\"c\",\"free\":\"\\ud800\"", true)]
    [InlineData("\"eventcode\":\"\\ud83d\\ude00\"", true)]
    [InlineData("\"eventcode\":\"c\",\"user\":{\"user\\ud83dname\":\"eve\"}", false)]
    [InlineData("\"even\\u0074code\":\"c\"", true)]
    public void Surrogate_escapes_and_escaped_names_are_left_to_the_full_decode_and_agree(string data, bool accepted)
    {
        var line = """{"specversion":"1.0","id":"i","source":"s","type":"t","data":{""" + data + "}}";
        var (scan, ok) = _agreement.Check(Encoding.UTF8.GetBytes(line), LogCategory.Config);
        Assert.Equal(accepted, ok);
        Assert.NotEqual(RecordScan.Indexed, scan);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(64)]
    public void Depth_limits_agree_with_System_Text_Json(int maxDepth)
    {
        var agreement = new ScanAgreement(maxDepth);
        foreach (var (open, close) in new[] { ("[", "]"), ("{\"a\":", "}") })
        {
            // The root object is level 1 and data level 2, so the value nests maxDepth - 2 more levels at most.
            foreach (var levels in new[] { maxDepth - 2, maxDepth - 1, maxDepth })
            {
                var nested = string.Concat(Enumerable.Repeat(open, levels)) + "1" + string.Concat(Enumerable.Repeat(close, levels));
                var line = $$$"""{"specversion":"1.0","id":"i","source":"s","type":"t","data":{"eventcode":"c","v":{{{nested}}}}}""";
                var (scan, accepted) = agreement.Check(Encoding.UTF8.GetBytes(line), LogCategory.Config);
                Assert.Equal(levels <= maxDepth - 2, accepted);
                Assert.Equal(accepted ? Indexed : RecordScan.Reader, scan);
            }
        }

        var deep = new RecordParser(maxDepth: maxDepth).Parse(
            Encoding.UTF8.GetBytes($$$"""{"specversion":"1.0","id":"i","source":"s","type":"t","data":{"eventcode":"c","v":{{{new string('[', maxDepth)}}}{{{new string(']', maxDepth)}}}}}"""),
            LogCategory.Config,
            out var error);
        Assert.Null(deep);
        Assert.StartsWith($"nested deeper than {maxDepth} levels", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_lines_take_the_vectorized_scan_too()
    {
        // Kubernetes Events may carry whole request bodies: 16 MiB is the LKE line limit.
        var line = $$$"""{"specversion":"1.0","id":"i","source":"s","type":"t","data":{"eventcode":"c","big":"{{{new string('b', 1 << 20)}}}","list":[{{{string.Join(',', Enumerable.Range(0, 50_000))}}}]}}""";
        Assert.Equal((Indexed, true), _agreement.Check(Encoding.UTF8.GetBytes(line), LogCategory.Config));
    }

    [Fact]
    public void Mutated_records_agree_in_every_scan()
    {
        // Deterministic: single-byte replacements, insertions and deletions of JSON's own characters (and a few
        // others) in delivered-looking records, where a scan's mistakes would show.
        const string alphabet = "{}[]:,\"\\ \t\r\n0123456789-+.eEtrufalsn/bu\u0001x\u00e9";
        var random = new Random(18);
        var seeds = new[] { (ConfigRecord, LogCategory.Config), (KubernetesRecord, LogCategory.Kubernetes), (Gz.CloudEvent("x-1"), LogCategory.Login) };
        int accepted = 0, rejected = 0, indexed = 0;
        for (var i = 0; i < 6000; i++)
        {
            var (seed, category) = seeds[i % seeds.Length];
            var text = new StringBuilder(seed);
            for (var edits = 1 + random.Next(3); edits > 0; edits--)
            {
                var at = random.Next(text.Length);
                var c = alphabet[random.Next(alphabet.Length)];
                switch (random.Next(3))
                {
                    case 0:
                        text[at] = c;
                        break;
                    case 1:
                        text.Insert(at, c);
                        break;
                    default:
                        text.Remove(at, 1);
                        break;
                }
            }

            var (scan, ok) = _agreement.Check(Encoding.UTF8.GetBytes(text.ToString()), category);
            accepted += ok ? 1 : 0;
            rejected += ok ? 0 : 1;
            indexed += ok && scan == Indexed ? 1 : 0;
        }

        // Both outcomes happen, and most accepted lines were the vectorized scan's to decide.
        Assert.InRange(accepted, 500, 5500);
        Assert.InRange(rejected, 500, 5500);
        Assert.InRange(indexed, IndexedExpected(accepted * 8 / 10), accepted);
    }

    /// <summary>The scan expected to decide lines the vectorized one takes: itself where the hardware has it.</summary>
    private static RecordScan Indexed => StructuralCursor.IsSupported ? RecordScan.Indexed : RecordScan.PerToken;

    private static int IndexedExpected(int count) => StructuralCursor.IsSupported ? count : 0;
}
