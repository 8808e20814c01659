namespace AuditInfra.Grpc.Hosting;

/// <summary>
/// The engine starts a plugin as <c>[--logtostderr] [-v=N] [--tracing ENDPOINT] ENGINE_ADDRESS [PLUGIN ARGS...]</c>:
/// the engine address (host:port, no scheme) is the first positional argument. A resource provider gets nothing
/// after it; a policy pack analyzer gets its pack folder (and <c>-option=value</c> flags). Without an address a
/// provider runs in attach mode and learns it from <c>Attach</c>.
/// </summary>
public sealed record LaunchArguments(string? EngineAddress, bool LogToStderr, int Verbosity)
{
    public static LaunchArguments Parse(IReadOnlyList<string> args)
    {
        string? engine = null;
        var logToStderr = false;
        var verbosity = 0;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--logtostderr" or "-logtostderr" or "--logflow" or "-logflow")
            {
                logToStderr |= arg.Contains("logtostderr", StringComparison.Ordinal);
            }
            else if (arg is "--tracing" or "-tracing")
            {
                i++; // its value follows
            }
            else if (arg.StartsWith("--tracing=", StringComparison.Ordinal) || arg.StartsWith("-tracing=", StringComparison.Ordinal))
            {
            }
            else if (arg.StartsWith("-v", StringComparison.Ordinal) || arg.StartsWith("--v", StringComparison.Ordinal))
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && int.TryParse(arg[(eq + 1)..], out var level))
                {
                    verbosity = level;
                }
            }
            else if (!arg.StartsWith('-'))
            {
                engine ??= arg;
            }
        }

        return new LaunchArguments(engine, logToStderr, verbosity);
    }
}
