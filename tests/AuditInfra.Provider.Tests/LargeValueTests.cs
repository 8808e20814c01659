using System.Text;
using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.Provider.Protocol.Values;
using AuditInfra.Provider.Tests.Harness;
using Google.Protobuf;
using Grpc.Core;
using Wire = AuditInfra.Grpc.Wire;

namespace AuditInfra.Provider.Tests;

/// <summary>
/// Struct strings travel as UTF-8 (StructReader in, AuditInfra.Grpc.Wire.Struct out): a large one comes back
/// byte for byte, invalid UTF-8 is refused as proto3 would refuse it, and the nesting limit still holds. The memory
/// a large message costs is measured by scripts/abuse-provider.sh, not here.
/// </summary>
public sealed class LargeValueTests
{
    [Fact]
    public async Task A_large_multibyte_string_comes_back_from_Check_byte_for_byte()
    {
        await using var plugin = await ProviderProcess.StartAsync(["127.0.0.1:1"]);
        // 1-, 2-, 3- and 4-byte UTF-8 sequences, repeated to 12 MiB, so every kind straddles the transport's buffers.
        var text = string.Concat(Enumerable.Repeat("a\u00e9\u20ac\U0001D11E", 12 * 1024 * 1024 / 10));
        var utf8 = Encoding.UTF8.GetBytes(text);
        var news = new Wire.Struct();
        news.Fields["blob"] = Wire.Value.ForUtf8(utf8);
        news.Fields["nested"] = Wire.Value.ForList([Wire.Value.ForString("small"), Wire.Value.ForUtf8(utf8)]);

        var check = await plugin.CallAsync(
            "Check", new CheckArgs { Urn = ProviderSession.BucketUrn("large"), Type = "auditinfra:index:ObjectLockBucket", News = news.ToByteString() }, CheckResult.Parser);

        Assert.NotEmpty(check.Failures); // no bucketName: the inputs are echoed as sent
        Assert.True(check.Inputs.Fields["blob"].Utf8Value.Span.SequenceEqual(utf8));
        Assert.True(check.Inputs.Fields["nested"].ListValue.Values[1].Utf8Value.Span.SequenceEqual(utf8));
        Assert.Equal("small", check.Inputs.Fields["nested"].ListValue.Values[0].StringValue);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_struct_string_or_key_is_invalid_argument_naming_the_property()
    {
        await using var plugin = await ProviderProcess.StartAsync(["127.0.0.1:1"]);
        byte[] invalid = [0x6F, 0x6B, 0xC3, 0x28]; // "ok" then a 2-byte lead followed by a non-continuation byte
        var inner = new Wire.Struct();
        inner.Fields["tags"] = Wire.Value.ForList([Wire.Value.ForString("fine"), Wire.Value.ForUtf8(invalid)]);
        var news = new Wire.Struct();
        news.Fields["bucketName"] = Wire.Value.ForString("bad-utf8");
        news.Fields["extra"] = Wire.Value.ForStruct(inner);
        var badKey = new Wire.Struct();
        badKey.Fields["k"] = Wire.Value.ForNull();
        var badKeyBytes = badKey.ToByteArray();
        badKeyBytes[Array.IndexOf(badKeyBytes, (byte)'k')] = 0xFF; // the key's only byte, now never valid in UTF-8

        var badString = await Assert.ThrowsAsync<RpcException>(() => plugin.CallAsync(
            "Check", new CheckArgs { Urn = ProviderSession.BucketUrn("utf8"), Type = "auditinfra:index:ObjectLockBucket", News = news.ToByteString() }, CheckResult.Parser));
        var badKeyCall = await Assert.ThrowsAsync<RpcException>(() => plugin.CallAsync(
            "Diff", new DiffArgs { Urn = ProviderSession.BucketUrn("utf8"), Type = "auditinfra:index:ObjectLockBucket", Id = "b", Olds = ByteString.CopyFrom(badKeyBytes) }, DiffResult.Parser));

        Assert.Equal(StatusCode.InvalidArgument, badString.StatusCode);
        Assert.Contains("news.extra.tags[1]", badString.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("UTF-8", badString.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, badKeyCall.StatusCode);
        Assert.Contains("a key of olds", badKeyCall.Status.Detail, StringComparison.Ordinal);
        Assert.NotNull(await plugin.CallAsync("GetPluginInfo", new Google.Protobuf.WellKnownTypes.Empty(), PluginVersion.Parser));
    }

    [Theory]
    [InlineData(320, true)] // 320 lists: 2 protobuf levels each (Value, ListValue) plus the Struct's 3 = 644 levels
    [InlineData(520, false)] // 1,044 levels: beyond MessageLimits.RecursionLimit (1,000)
    public void Nested_lists_count_against_the_recursion_limit(int lists, bool accepted)
    {
        var value = Wire.Value.ForString("bottom");
        for (var i = 0; i < lists; i++)
        {
            value = Wire.Value.ForList([value]);
        }

        var news = new Wire.Struct();
        news.Fields["deep"] = value;
        var encoded = news.ToByteString(); // writing has no recursion limit; only parsers have one

        if (accepted)
        {
            Assert.NotNull(StructCodec.Decode(encoded, "news")["deep"]);
        }
        else
        {
            var error = Assert.Throws<RpcException>(() => StructCodec.Decode(encoded, "news"));
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Contains("recursion limit", error.Status.Detail, StringComparison.Ordinal);
        }
    }
}
