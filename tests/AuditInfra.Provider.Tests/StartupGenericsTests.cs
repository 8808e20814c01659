using System.Diagnostics.Tracing;
using System.Text.RegularExpressions;
using AuditInfra.Grpc.Hosting;
using AuditInfra.Provider.Protocol;
using AuditInfra.Provider.Protocol.Messages;
using AuditInfra.TestSupport;
using Google.Protobuf.WellKnownTypes;

namespace AuditInfra.Provider.Tests;

/// <summary>
/// StartupGenerics.rd.xml lists the generic types dependency injection closes while the plugin starts and answers its
/// first call, so that the native build compiles them ahead of time. This starts the same server in process, records
/// every call site the container builds (its event source names service and implementation types), and requires
/// each closed generic type among them to be listed, naming the lines to add otherwise.
/// </summary>
public sealed partial class StartupGenericsTests
{
    [Fact]
    public async Task Every_generic_type_the_container_closes_at_start_is_compiled_ahead_of_time()
    {
        using var listener = new CallSiteListener();
        using (var provider = new ResourceProviderService(null, _ => null))
        {
            await using var server = new PluginServer(ResourceProviderService.Limits)
                .AddService(provider, ResourceProviderService.ServiceName, ResourceProviderService.Bind, ErrorMapping.ToGrpc);
            await server.StartAsync(CancellationToken.None);
            using var client = new PluginClient(server.Address, ResourceProviderService.ServiceName);
            await client.CallAsync("GetPluginInfo", new Empty(), PluginVersion.Parser, TimeSpan.FromSeconds(60));
        }

        var listed = File.ReadAllText(Path.Combine(RepoPaths.Root, "components/AuditInfra.Provider/StartupGenerics.rd.xml"));
        var assemblies = AssembliesByTypeName();
        // Test doubles (the fake engine's servers, started by tests running alongside) are not in the plugin.
        var closed = listener.TypeNames()
            .Where(n => n.Contains('`', StringComparison.Ordinal) && n.Contains('[', StringComparison.Ordinal) && !n.Contains(".Tests.", StringComparison.Ordinal))
            .ToList();
        var missing = closed.Select(n => $"<Type Name=\"{RdXmlName(n, assemblies)}\" Dynamic=\"Required All\" />  (assembly {assemblies[Outer(n)]})")
            .Where(line => !listed.Contains(line[..line.IndexOf("  (", StringComparison.Ordinal)], StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.NotEmpty(closed);
        Assert.True(missing.Count == 0, "add to StartupGenerics.rd.xml:\n" + string.Join('\n', missing));
    }

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
            System.Type?[] types;
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
