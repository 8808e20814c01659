using System.Text;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Tests.Records;

/// <summary>Repeated values decode to one shared string; what the pool hands out is always the value itself.</summary>
public class Utf8StringPoolTests
{
    [Fact]
    public void A_repeated_value_is_one_instance_and_every_value_reads_back_exactly()
    {
        var pool = new Utf8StringPool();
        var first = pool.Get("alice@example.com"u8);
        Assert.Equal("alice@example.com", first);
        Assert.Same(first, pool.Get("alice@example.com"u8));

        // Enough distinct values to overfill the table: slots are reused, yet each lookup returns its own value.
        for (var i = 0; i < 10_000; i++)
        {
            var value = $"203.0.{i / 256}.{i % 256}";
            Assert.Equal(value, pool.Get(Encoding.UTF8.GetBytes(value)));
        }

        Assert.Equal("alice@example.com", pool.Get("alice@example.com"u8));
        Assert.Equal("ünïcödé-user", pool.Get(Encoding.UTF8.GetBytes("ünïcödé-user")));
        var longValue = new string('x', 500);
        Assert.Equal(longValue, pool.Get(Encoding.UTF8.GetBytes(longValue)));
        Assert.Equal(string.Empty, pool.Get([]));
    }

    [Fact]
    public void Records_share_actor_and_code_strings_but_still_decode_escapes()
    {
        var parser = new RecordParser();
        AuditRecord Parse(string actor) => parser.Parse(Encoding.UTF8.GetBytes(
            "{\"specversion\":\"1.0\",\"id\":\"" + Guid.NewGuid() + "\",\"source\":\"/service/linodes\",\"type\":\"com.akamai.audit.config\"," +
            "\"time\":\"2026-11-01T10:00:00.000Z\",\"data\":{\"eventcode\":\"delete-linode\",\"user\":{\"username\":\"" + actor + "\"}," +
            "\"ip\":\"203.0.113.14\",\"status\":\"success\"}}"), LogCategory.Config, out var error)
            ?? throw new InvalidOperationException(error);

        var a = Parse("alice");
        var b = Parse("alice");
        Assert.Same(a.Actor, b.Actor);
        Assert.Same(a.EventCode, b.EventCode);
        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal("al\"ice\u00e9", Parse("al\\\"ice\\u00e9").Actor);
    }
}
