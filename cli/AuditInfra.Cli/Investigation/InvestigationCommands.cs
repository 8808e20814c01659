using System.CommandLine;

namespace AuditInfra.Cli;

/// <summary>Registers the investigation area's commands on the root command.</summary>
public static class InvestigationCommands
{
    public static void Register(RootCommand root, CliConsole console)
    {
        _ = root;
        _ = console;
    }
}
