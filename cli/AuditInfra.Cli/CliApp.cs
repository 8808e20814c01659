using System.CommandLine;

namespace AuditInfra.Cli;

/// <summary>Builds the command tree and runs one invocation with uniform error handling.</summary>
public static class CliApp
{
    public static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand(
            "AuditInfra: audit-log delivery for Akamai Cloud (Linode) as code, with proof that it works.\n" +
            "Exit codes: 0 clean, 1 findings (or a denying policy, or a fired detection), 2 usage, configuration or access error, " +
            "3 read incompletely (reader commands: an object not read whole, skipped lines, or no delivery objects at all in range).");
        ReaderCommands.Register(root, console);
        InvestigationCommands.Register(root, console);
        PolicyCommands.Register(root, console);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var root = BuildRoot(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !WantsHelp(args))
        {
            // One line, exit 2: System.CommandLine would print every error plus the whole help text and exit 1.
            // Some parser messages span lines ("Must be one of:" and a list); a user error is one line.
            // "Required command was not provided" hides the real mistake when a token was not recognized: name the token.
            var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            var message = Plain(string.Join(' ', first.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            console.WriteError($"{message} (see 'auditinfra {string.Join(' ', CommandPath(parse))} --help')");
            return ExitCodes.Error;
        }

        try
        {
            var config = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
            return await parse.InvokeAsync(config, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.WriteError("cancelled");
            return ExitCodes.Error;
        }
        catch (OutOfMemoryException)
        {
            // A worker ran out (a heap limit, as in a container): the run has already stopped its other workers,
            // whose memory is now free, so one line can still be written.
            console.WriteError("out of memory: the run was stopped (raise the memory limit, or lower the Parallelism setting)");
            return ExitCodes.Error;
        }
        catch (Exception ex)
        {
            // Commands report user errors themselves; anything reaching here is a bug, still shown as one line.
            console.WriteError($"unexpected error: {ex.GetType().Name}: {ex.Message}");
            if (Environment.GetEnvironmentVariable("AUDITINFRA_DEBUG") == "1")
            {
                console.Error.WriteLine(ex);
            }

            return ExitCodes.Error;
        }
    }

    /// <summary>
    /// The parser's "Cannot parse argument 'x' for option '--n' as expected type 'System.Nullable`1[System.Int32]'"
    /// names a .NET type; users get the flag, the value and what it should be.
    /// </summary>
    internal static string Plain(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(
            message, @"^Cannot parse argument '(?<value>.*)' for (?:option|argument) '(?<name>[^']*)' as expected type '(?<type>[^']*)'\.?$");
        if (!match.Success)
        {
            return message;
        }

        var type = match.Groups["type"].Value;
        var expected = type.Contains("Int32", StringComparison.Ordinal) ? "a whole number"
            : type.Contains("Int64", StringComparison.Ordinal) ? "a whole number"
            : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
            : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) ? "a number"
            : type.Contains("TimeSpan", StringComparison.Ordinal) ? "a duration (hh:mm:ss)"
            : type.Contains("DateTime", StringComparison.Ordinal) ? "a date"
            : "a valid value";
        return $"{match.Groups["name"].Value} '{match.Groups["value"].Value}' is not {expected}";
    }

    private static bool WantsHelp(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (result.Command is not RootCommand)
            {
                names.Insert(0, result.Command.Name);
            }
        }

        return names;
    }
}
