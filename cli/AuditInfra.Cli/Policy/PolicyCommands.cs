using System.CommandLine;

namespace AuditInfra.Cli;

/// <summary>Registers the policy area's commands on the root command.</summary>
public static class PolicyCommands
{
    public static void Register(RootCommand root, CliConsole console)
    {
        _ = root;
        _ = console;
    }
}
