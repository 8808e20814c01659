using System.Text;
using AuditInfra.Investigation.Detections;

namespace AuditInfra.Investigation.Tests.Units;

/// <summary>Evidence ids print exactly as delivered, whether they were packed into numbers or kept as strings.</summary>
public class EvidenceIdTests
{
    [Theory]
    [InlineData("0365325b-9d8d-46b8-e82d-34c95a1be5e6")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("ffffffff-ffff-ffff-ffff-ffffffffffff")]
    [InlineData("0365325B-9D8D-46B8-E82D-34C95A1BE5E6")]
    [InlineData("0365325b-9d8d-46b8-e82d-34c95a1be5e")]
    [InlineData("0365325b-9d8d-46b8-e82d-34c95a1be5e6x")]
    [InlineData("0365325b+9d8d-46b8-e82d-34c95a1be5e6")]
    [InlineData("0365325g-9d8d-46b8-e82d-34c95a1be5e6")]
    [InlineData("evt-42")]
    [InlineData("")]
    [InlineData("ünïcode-id-0000-0000-000000000000")]
    public void Every_id_round_trips(string id)
    {
        var evidence = EvidenceId.Of(id);

        Assert.Equal(id, evidence.ToString());
    }

    [Fact]
    public void Only_lowercase_uuids_are_packed()
    {
        Span<byte> utf8 = stackalloc byte[36];

        Assert.True(EvidenceId.Of("0365325b-9d8d-46b8-e82d-34c95a1be5e6").TryFormatUtf8(utf8, out var written));
        Assert.Equal("0365325b-9d8d-46b8-e82d-34c95a1be5e6", Encoding.UTF8.GetString(utf8[..written]));
        Assert.False(EvidenceId.Of("0365325B-9D8D-46B8-E82D-34C95A1BE5E6").TryFormatUtf8(utf8, out _));
        Assert.False(EvidenceId.Of("evt-42").TryFormatUtf8(utf8, out _));
    }

    [Fact]
    public void Equal_ids_are_equal_however_they_are_held()
    {
        Assert.Equal(EvidenceId.Of("0365325b-9d8d-46b8-e82d-34c95a1be5e6"), EvidenceId.Of("0365325b-9d8d-46b8-e82d-34c95a1be5e6"));
        Assert.NotEqual(EvidenceId.Of("0365325b-9d8d-46b8-e82d-34c95a1be5e6"), EvidenceId.Of("0365325b-9d8d-46b8-e82d-34c95a1be5e7"));
        Assert.Equal(EvidenceId.Of("evt-42"), EvidenceId.Of("evt-42"));
        Assert.NotEqual(EvidenceId.Of("evt-42"), EvidenceId.Of("0365325b-9d8d-46b8-e82d-34c95a1be5e6"));
    }
}
