using System.CommandLine;

namespace AuditInfra.Cli;

/// <summary>
/// The one <c>--format</c> option of every command: the same names everywhere (<c>text</c> for people,
/// <c>json</c>, <c>jsonl</c>, <c>csv</c>, <c>sarif</c>), any case, and the names used before as aliases
/// (<c>table</c> for <c>text</c>; <c>ndjson</c>, <c>json-lines</c>, <c>jsonlines</c> for <c>jsonl</c>).
/// The value a command reads is always the canonical lower-case name; an unknown one is a one-line usage error.
/// </summary>
internal static class FormatOption
{
    public const string Text = "text";

    /// <param name="description">What each format gives, for <c>--help</c>.</param>
    /// <param name="choices">The canonical names this command offers; the first is the default.</param>
    public static Option<string> Create(string description, params string[] choices)
    {
        var option = new Option<string>("--format")
        {
            Description = description,
            HelpName = string.Join('|', choices),
            DefaultValueFactory = _ => choices[0],
            CustomParser = result =>
            {
                var given = result.Tokens.Count > 0 ? result.Tokens[^1].Value : choices[0];
                var name = Canonical(given);
                if (Array.IndexOf(choices, name) < 0)
                {
                    result.AddError($"--format '{given}' is not one of {string.Join(", ", choices)}");
                }

                return name;
            },
        };
        option.CompletionSources.Add(choices);
        return option;
    }

    /// <summary>The canonical name of a format a user typed (aliases and case folded).</summary>
    public static string Canonical(string given) => given.Trim().ToLowerInvariant() switch
    {
        "table" => Text,
        "ndjson" or "json-lines" or "jsonlines" => "jsonl",
        var name => name,
    };
}
