using System.Text;
using AuditInfra.Investigation.Detections;

namespace AuditInfra.Investigation.Tests.Units;

/// <summary>The rules' code list judged on undecoded bytes: exact matches only, whatever the length.</summary>
public class Utf8CodeSetTests
{
    [Theory]
    [InlineData("delete-stream", true)]
    [InlineData("post-tfa-disable", true)]
    [InlineData("x", true)]
    [InlineData("delete-streams", false)]
    [InlineData("delete-strea", false)]
    [InlineData("DELETE-STREAM", false)]
    [InlineData("", false)]
    [InlineData("a-code-longer-than-any-code-in-the-set-by-far", false)]
    public void Contains_exactly_the_listed_codes(string code, bool contained)
    {
        var set = new Utf8CodeSet(["delete-stream", "post-tfa-disable", "x", "delete-stream", "put-stream"]);
        Assert.Equal(contained, set.Contains(Encoding.UTF8.GetBytes(code)));
    }

    [Fact]
    public void An_empty_list_contains_nothing() => Assert.False(new Utf8CodeSet([]).Contains("delete-stream"u8));
}
