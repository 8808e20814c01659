using System.Text;
using AuditInfra.Cli;

namespace AuditInfra.Cli.Tests;

/// <summary>A console built from writers still takes byte reports: they land as the same text, in order.</summary>
public class ConsoleStreamTests
{
    [Fact]
    public void Bytes_split_inside_a_character_arrive_as_whole_text_after_earlier_text()
    {
        var output = new StringWriter();
        var console = new CliConsole(output, TextWriter.Null);
        console.Out.Write("before ");
        var bytes = Encoding.UTF8.GetBytes("é € 😀 end");
        for (var i = 0; i < bytes.Length; i++)
        {
            console.OutStream.Write(bytes, i, 1);
        }

        console.OutStream.Flush();
        Assert.Equal("before é € 😀 end", output.ToString());
        Assert.False(console.OutStream.CanRead);
    }
}
