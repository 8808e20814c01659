using System.CommandLine;

namespace AuditInfra.Cli;

/// <summary>Registers the reader area's commands on the root command.</summary>
public static class ReaderCommands
{
    public static void Register(RootCommand root, CliConsole console)
    {
        root.Subcommands.Add(Reader.VerifyCommand.Create(console));
        root.Subcommands.Add(Reader.CatalogCommand.Create(console));
        root.Subcommands.Add(Reader.GenerateCommand.Create(console));
        root.Subcommands.Add(Reader.SealCommand.Create(console));
    }
}
