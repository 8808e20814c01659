using AuditInfra.Grpc.Hosting;
using AuditInfra.Provider.Model;
using AuditInfra.Provider.Protocol.Values;
using AuditInfra.Provider.Resources.ObjectLockBucket;
using AuditInfra.Provider.Tests.Harness;
using Google.Protobuf;
using Grpc.Core;

namespace AuditInfra.Provider.Tests;

/// <summary>Value encoding both ways (secrets, unknowns, resource references, output values) and argv parsing.</summary>
public sealed class StructCodecTests
{
    [Fact]
    public void Special_values_decode_and_encode_back_to_the_same_wire_form()
    {
        var wire = Props.Json($$"""
            {"s":{{Props.SecretJson("{\"deep\":[1,\"x\"]}")}},
             "u":"{{Props.Unknown}}", "b":"1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
             "r":{"{{Props.SigKey}}":"5cf8f73096256a8f31e491e813e4eb8e","urn":"urn:pulumi:s::p::linode:index/lkeCluster:LkeCluster::c","id":"42","packageVersion":"6.6.0"},
             "n":null, "num":3}
            """);

        var decoded = StructCodec.Decode(wire.ToByteString(), "news");

        Assert.IsType<SecretProperty>(decoded["s"]);
        Assert.True(decoded["s"]!.ContainsSecret);
        Assert.IsType<UnknownProperty>(decoded["u"]);
        Assert.IsType<UnknownProperty>(decoded["b"]); // every per-type sentinel is read as unknown
        Assert.Equal(new ResourceReferenceProperty("urn:pulumi:s::p::linode:index/lkeCluster:LkeCluster::c", "42", "6.6.0"), decoded["r"]);
        var encoded = StructCodec.Encode(decoded);
        Assert.Equal(wire.Fields["s"], Props.ToWellKnown(encoded.Fields["s"]));
        Assert.Equal(wire.Fields["r"], Props.ToWellKnown(encoded.Fields["r"]));
        Assert.Equal(Props.Unknown, encoded.Fields["b"].StringValue);
    }

    [Fact]
    public void Output_values_keep_dependencies_and_become_plain_secret_or_unknown_on_the_wire()
    {
        var wire = Props.Json($$"""
            {"known":{"{{Props.SigKey}}":"d0e6a833031e9bbcd3f4e8bde6ca49a4","value":"v","secret":true,"dependencies":["urn:a"]},
             "unknown":{"{{Props.SigKey}}":"d0e6a833031e9bbcd3f4e8bde6ca49a4","dependencies":["urn:b"]} }
            """);

        var decoded = StructCodec.Decode(wire.ToByteString(), "news");

        Assert.Equal(new OutputProperty(PropertyValue.Of("v"), true, ["urn:a"]), decoded["known"]);
        Assert.False(decoded["unknown"]!.IsKnown);
        var encoded = StructCodec.Encode(decoded);
        Assert.True(Props.IsSecret(encoded.Fields["known"]));
        Assert.Equal("v", Props.Unwrap(encoded.Fields["known"]).StringValue);
        Assert.True(Props.IsUnknown(encoded.Fields["unknown"]));
    }

    [Fact]
    public void Unrecognized_signatures_are_rejected()
    {
        var wire = Props.Json($$"""{"x":{"{{Props.SigKey}}":"not-a-signature"} }""");

        Assert.Throws<RpcException>(() => StructCodec.Decode(wire.ToByteString(), "news"));
    }

    [Theory]
    [InlineData(new[] { "127.0.0.1:5000" }, "127.0.0.1:5000")]
    [InlineData(new[] { "--logtostderr", "-v=9", "127.0.0.1:5001" }, "127.0.0.1:5001")]
    [InlineData(new[] { "--tracing", "http://127.0.0.1:1", "127.0.0.1:5002" }, "127.0.0.1:5002")]
    [InlineData(new[] { "-v=3", "127.0.0.1:5003", ".", "-config=x" }, "127.0.0.1:5003")]
    [InlineData(new string[0], null)]
    public void The_engine_address_is_the_first_positional_argument(string[] args, string? expected)
    {
        Assert.Equal(expected, LaunchArguments.Parse(args).EngineAddress);
    }

    [Theory]
    [InlineData("acme-audit-logs", true)]
    [InlineData("a.b-c1", true)]
    [InlineData("ab", false)]
    [InlineData("Acme", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("a..b", false)]
    [InlineData("xn--bucket", false)]
    [InlineData("bucket-", false)]
    public void Bucket_names_follow_the_S3_rules(string name, bool valid)
    {
        Assert.Equal(valid, BucketNameRules.Validate(name) is null);
    }

    [Fact]
    public void Output_map_keeps_dependencies_and_secrecy()
    {
        var id = Output.From<string>(PropertyValue.Secret(PropertyValue.Of("7")), ["urn:d"]);

        var number = id.Map<int>(v => v is StringProperty s ? PropertyValue.Of(double.Parse(s.Value)) : v);

        Assert.Equal(new[] { "urn:d" }, number.Dependencies.ToArray());
        Assert.Equal(PropertyValue.Of(7.0), number.Known);
        Assert.True(number.Value.ContainsSecret);
    }
}
