using System.CommandLine;
using System.Text;
using AuditInfra.TestSupport;

namespace AuditInfra.Cli.Tests;

/// <summary>
/// The README's examples, as a user copies them. A fenced block after <c>&lt;!-- runnable</c> has every
/// <c>./auditinfra</c> line run by the built command line in a real process from the repository root (paths under
/// <c>/tmp/</c> are moved into a temporary folder); the exit code must be 0, or the one a <c># exit N</c> comment
/// names. A block after <c>&lt;!-- parse-only</c> (it needs an account) has every <c>./auditinfra</c> line accepted by
/// the real parser. Any other line in those blocks must be one of the commands this test knows are checked
/// elsewhere (the test script, and Pulumi CLI commands checked against the Pulumi CLI reference).
/// </summary>
public sealed class ReadmeExamplesTests
{
    // Pulumi CLI commands the quickstart uses, each checked by hand against the Pulumi CLI reference
    // (pulumi.com/docs/iac/cli/commands: login --local, stack init, config set [--secret] <key> [value],
    // stack output [name] --show-secrets, preview, up): they cannot run here, so a new one must be checked and added.
    private static readonly string[] CheckedElsewhere =
    [
        "./scripts/test.sh", "dotnet build AuditInfra.sln -c Release", "pulumi login --local", "pulumi stack init dev",
        "pulumi config set bucketName ", "pulumi config set region ", "pulumi config set auditinfra:region ", "pulumi config set auditinfra:s3Endpoint ", "pulumi config set --secret linode:token",
        "pulumi config set --secret auditinfra:accessKey", "pulumi config set --secret auditinfra:secretKey", "pulumi preview",
        "export AUDITINFRA_S3__ACCESSKEY=\"$(pulumi stack output readerAccessKey --show-secrets)\"",
        "export AUDITINFRA_S3__SECRETKEY=\"$(pulumi stack output readerSecretKey --show-secrets)\"",
    ];

    public static TheoryData<string, int> RunnableLines() => Lines("runnable");

    public static TheoryData<string, int> ParseOnlyLines() => Lines("parse-only");

    [Fact]
    public void The_readme_has_runnable_and_parse_only_blocks_and_no_placeholders_in_them()
    {
        Assert.True(RunnableLines().Count >= 8, "the runnable examples went missing");
        Assert.True(ParseOnlyLines().Count >= 5, "the quickstart's commands went missing");
        foreach (var kind in new[] { "runnable", "parse-only" })
        {
            foreach (var line in Blocks(kind).SelectMany(b => b))
            {
                Assert.DoesNotContain("…", line, StringComparison.Ordinal);
                Assert.True(
                    line.StartsWith("./auditinfra ", StringComparison.Ordinal) || CheckedElsewhere.Any(c => line.StartsWith(c, StringComparison.Ordinal)),
                    $"README line not checked by any test: {line}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(RunnableLines))]
    public async Task Every_runnable_example_runs_as_written(string line, int lineNumber)
    {
        var (words, expectedExit) = Words(line);
        if (words[0] != "./auditinfra")
        {
            return;
        }

        using var temp = new TempDirectory("readme");
        var (exit, output, error) = await BuiltCli.RunAsync(
            words.Skip(1).Select(word => word.StartsWith("/tmp/", StringComparison.Ordinal) ? temp.Combine(word["/tmp/".Length..]) : word),
            RepoPaths.Root);
        Assert.True(exit == expectedExit, $"README example {lineNumber}: exit {exit}, expected {expectedExit}: {error}");
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.True(output.Length > 0 || error.Length > 0, $"README example {lineNumber} printed nothing");
    }

    [Theory]
    [MemberData(nameof(ParseOnlyLines))]
    public void Every_account_example_is_accepted_by_the_parser(string line, int lineNumber)
    {
        var (words, _) = Words(line);
        if (words[0] != "./auditinfra")
        {
            return;
        }

        using var output = new StringWriter();
        var parse = CliApp.BuildRoot(new CliConsole(output, output)).Parse(words.Skip(1).ToArray());
        Assert.True(parse.Errors.Count == 0, $"README example {lineNumber}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        Assert.NotEqual("auditinfra", parse.CommandResult.Command.Name);
    }

    private static TheoryData<string, int> Lines(string kind)
    {
        var data = new TheoryData<string, int>();
        var number = 0;
        foreach (var line in Blocks(kind).SelectMany(b => b))
        {
            data.Add(line, ++number);
        }

        return data;
    }

    /// <summary>The command lines of each fenced block marked <paramref name="kind"/>: continuations joined, comments and indentation removed.</summary>
    private static List<List<string>> Blocks(string kind)
    {
        var blocks = new List<List<string>>();
        var lines = File.ReadAllLines(RepoPaths.Combine("README.md"));
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimStart().StartsWith("<!-- " + kind, StringComparison.Ordinal))
            {
                continue;
            }

            var open = Array.FindIndex(lines, i + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
            var close = Array.FindIndex(lines, open + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
            var block = new List<string>();
            var pending = new StringBuilder();
            for (var j = open + 1; j < close; j++)
            {
                var text = WithoutComment(lines[j]).Trim();
                if (text.EndsWith('\\'))
                {
                    pending.Append(text[..^1]).Append(' ');
                    continue;
                }

                pending.Append(text);
                if (pending.Length > 0)
                {
                    block.Add(pending.ToString().Trim() + ExitComment(lines[j]));
                }

                pending.Clear();
            }

            blocks.Add(block);
        }

        return blocks;
    }

    private static string ExitComment(string line)
    {
        var comment = line.Length - WithoutComment(line).Length;
        var match = System.Text.RegularExpressions.Regex.Match(line[^comment..], @"exit (\d)");
        return match.Success ? $" #exit {match.Groups[1].Value}" : string.Empty;
    }

    private static string WithoutComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }

        return line;
    }

    /// <summary>Shell words (quotes removed, no expansion) and the exit code the line's comment names (0 when none).</summary>
    private static (List<string> Words, int Exit) Words(string line)
    {
        var exit = 0;
        var marker = line.IndexOf(" #exit ", StringComparison.Ordinal);
        if (marker >= 0)
        {
            exit = line[(marker + 7)..].Trim()[0] - '0';
            line = line[..marker];
        }

        var words = new List<string>();
        var word = new StringBuilder();
        var quote = '\0';
        var inWord = false;
        foreach (var c in line)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return (words, exit);
    }
}
