namespace AuditInfra.Cli;

/// <summary>
/// The exit codes every command shares (README, "Exit codes"). When several apply, the highest-ranked wins:
/// <see cref="Error"/>, then <see cref="Incomplete"/>, then <see cref="Findings"/>, then <see cref="Clean"/>.
/// </summary>
public static class ExitCodes
{
    /// <summary>Everything in range was read, and nothing was found (or there was nothing to find).</summary>
    public const int Clean = 0;

    /// <summary>Findings (verify), detections (detect) or a denying policy.</summary>
    public const int Findings = 1;

    /// <summary>Usage, configuration or access error: one line on stderr, nothing trustworthy on stdout.</summary>
    public const int Error = 2;

    /// <summary>
    /// Read incompletely: an object could not be read whole, lines were skipped or quarantined, sync left objects
    /// in its retry list, or the range held no delivery objects at all. What was printed is right for what was
    /// read, but it is not the whole range; it outranks findings so a scheduled job never takes a partial result
    /// for a complete one.
    /// </summary>
    public const int Incomplete = 3;

    /// <summary>The exit-code paragraph appended to each reader command's <c>--help</c>.</summary>
    public static string Help(string findingsMeaning) =>
        $" Exit codes: 0 read everything in range{(findingsMeaning.Length > 0 ? $", 1 {findingsMeaning}" : string.Empty)}, " +
        "2 usage, configuration or access error, 3 read incompletely (an object not read whole, skipped lines, objects left " +
        "to retry, or no delivery objects at all in range); 3 wins over 1 and 0.";

    /// <summary>The worse of two outcomes, by the ranking above.</summary>
    public static int Worst(int a, int b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(int code) => code switch
    {
        Error => 3,
        Incomplete => 2,
        Findings => 1,
        _ => 0,
    };
}
