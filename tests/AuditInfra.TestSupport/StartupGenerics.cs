using System.Diagnostics.Tracing;
using System.Text.RegularExpressions;

namespace AuditInfra.TestSupport;

/// <summary>
/// Keeps a plugin's rd.xml lists of startup generics complete. Native AOT compiles the generic types that dependency
/// injection closes from open registrations (<c>IOptions&lt;T&gt;</c>, <c>ILogger&lt;T&gt;</c> ... of Kestrel,
/// hosting and gRPC) only when an rd.xml names them; otherwise its type loader builds them at every start
/// (docs/benchmarks.md, provider start). Types that name the plugin's own assembly go to the plugin's
/// <c>StartupGenerics.rd.xml</c>; the hosting stack's go to the shared one in AuditInfra.Grpc, which both plugins
/// compile in.
/// </summary>
/// <remarks>
/// Create it before the server starts, answer one call, then ask <see cref="MissingLines"/>. The call sites come from
/// the <c>Microsoft-Extensions-DependencyInjection</c> event source's <c>CallSiteBuilt</c> event, whose payload is
/// the call site as JSON (serviceType, implementationType, itemType).
/// </remarks>
public sealed partial class StartupGenerics : IDisposable
{
    /// <summary>The rd.xml both plugins compile in (NativePlugin.targets), relative to the repository root.</summary>
    public const string SharedFile = "components/AuditInfra.Grpc/StartupGenerics.rd.xml";

    private readonly CallSiteListener _listener = new();

    /// <summary>
    /// The rd.xml lines missing for every closed generic type recorded so far, each with the file it belongs in
    /// (<paramref name="pluginFile"/> when it names <paramref name="pluginAssembly"/>, else <see cref="SharedFile"/>).
    /// Empty when both files list them all.
    /// </summary>
    /// <param name="pluginAssembly">The plugin's assembly name, e.g. <c>pulumi-resource-auditinfra</c>.</param>
    /// <param name="pluginFile">The plugin's rd.xml, relative to the repository root.</param>
    /// <exception cref="InvalidOperationException">No closed generic type was recorded: the listener saw nothing, so
    /// an empty answer would prove nothing.</exception>
    public IReadOnlyList<string> MissingLines(string pluginAssembly, string pluginFile)
    {
        var assemblies = AssembliesByTypeName();
        // Test doubles (the fake engine's servers, started by tests running alongside) are not in the plugin.
        var closed = _listener.TypeNames()
            .Where(n => n.Contains('`', StringComparison.Ordinal) && n.Contains('[', StringComparison.Ordinal) && !n.Contains(".Tests.", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        if (closed.Count == 0)
        {
            throw new InvalidOperationException("no generic call site was recorded; the DI event source did not report");
        }

        var listed = new Dictionary<string, string>
        {
            [SharedFile] = File.ReadAllText(Path.Combine(RepoPaths.Root, SharedFile)),
            [pluginFile] = File.ReadAllText(Path.Combine(RepoPaths.Root, pluginFile)),
        };
        var missing = new List<string>();
        foreach (var name in closed)
        {
            var line = $"<Type Name=\"{RdXmlName(name, assemblies)}\" Dynamic=\"Required All\" />";
            var file = line.Contains($",{pluginAssembly}]", StringComparison.Ordinal) ? pluginFile : SharedFile;
            if (!listed[file].Contains(line, StringComparison.Ordinal))
            {
                missing.Add($"{file}: {line}  (assembly {assemblies[Outer(name)]})");
            }
        }

        return [.. missing.Distinct().Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private static string Outer(string name) => name[..name.IndexOf('[', StringComparison.Ordinal)];

    /// <summary>"A`1[B`1[C]]" → "A`1[[B`1[[C,asmC]],asmB]]", the form rd.xml names an instantiation in.</summary>
    private static string RdXmlName(string name, Dictionary<string, string> assemblies)
    {
        if (!name.Contains('[', StringComparison.Ordinal))
        {
            return name;
        }

        var arguments = new List<string>();
        var depth = 0;
        var start = name.IndexOf('[', StringComparison.Ordinal) + 1;
        for (var i = start; i < name.Length - 1; i++)
        {
            depth += name[i] switch { '[' => 1, ']' => -1, _ => 0 };
            if (name[i] == ',' && depth == 0)
            {
                arguments.Add(name[start..i]);
                start = i + 1;
            }
        }

        arguments.Add(name[start..^1]);
        return $"{Outer(name)}[{string.Join(',', arguments.Select(a => $"[{RdXmlName(a, assemblies)},{assemblies[a.Contains('[', StringComparison.Ordinal) ? Outer(a) : a]}]"))}]";
    }

    private static Dictionary<string, string> AssembliesByTypeName()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            Type?[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (System.Reflection.ReflectionTypeLoadException partial)
            {
                types = partial.Types;
            }

            foreach (var type in types)
            {
                if (type?.FullName is { } full)
                {
                    names.TryAdd(full, assembly.GetName().Name!);
                }
            }
        }

        return names;
    }

    [GeneratedRegex("\"(?:serviceType|implementationType|itemType)\": ?\"([^\"]*)\"")]
    private static partial Regex CallSiteType();

    private sealed class CallSiteListener : EventListener
    {
        private readonly List<string> _callSites = [];

        public IEnumerable<string> TypeNames()
        {
            lock (_callSites)
            {
                return _callSites.SelectMany(c => CallSiteType().Matches(c).Select(m => m.Groups[1].Value)).ToList();
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Extensions-DependencyInjection")
            {
                EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName == "CallSiteBuilt" && eventData.Payload is { Count: > 1 } payload && payload[1] is string callSite)
            {
                lock (_callSites)
                {
                    _callSites.Add(callSite);
                }
            }
        }
    }
}
