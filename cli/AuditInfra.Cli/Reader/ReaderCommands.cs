using System.CommandLine;

namespace AuditInfra.Cli;

/// <summary>Registers the reader area's commands on the root command.</summary>
public static class ReaderCommands
{
    public static void Register(RootCommand root, CliConsole console)
    {
        _ = root;
        _ = console;
    }
}
