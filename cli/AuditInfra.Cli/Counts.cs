using System.CommandLine;
using System.CommandLine.Parsing;

namespace AuditInfra.Cli;

/// <summary>
/// Whole-number options that count something (records, workers, days): a value below the minimum is a one-line
/// usage error naming the flag and the value, before anything is read.
/// </summary>
internal static class Counts
{
    /// <summary>Adds the check to each option; works for <c>int</c> and <c>int?</c> options alike.</summary>
    public static void AtLeast(int minimum, params Option[] options)
    {
        foreach (var option in options)
        {
            option.Validators.Add(result => Check(result, option.Name, minimum));
        }
    }

    private static void Check(OptionResult result, string name, int minimum)
    {
        if (result.Tokens.Count == 0 || !int.TryParse(result.Tokens[^1].Value, out var value) || value >= minimum)
        {
            return;
        }

        result.AddError(minimum == 0 ? $"{name} must not be negative (got {value})" : $"{name} must be at least {minimum} (got {value})");
    }
}
