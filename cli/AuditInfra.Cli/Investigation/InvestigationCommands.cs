using System.CommandLine;

namespace AuditInfra.Cli;

/// <summary>Registers the investigation area's commands: query, export, filter-options, sync and detect.</summary>
public static class InvestigationCommands
{
    public static void Register(RootCommand root, CliConsole console)
    {
        root.Subcommands.Add(QueryCommand.Create(console));
        root.Subcommands.Add(ExportCommand.Create(console));
        root.Subcommands.Add(FilterOptionsCommand.Create(console));
        root.Subcommands.Add(SyncCommand.Create(console));
        root.Subcommands.Add(DetectCommand.Create(console));
    }
}
