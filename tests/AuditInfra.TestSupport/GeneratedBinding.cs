using Grpc.Core;

namespace AuditInfra.TestSupport;

/// <summary>
/// What a generated <c>BindService(binder, impl)</c> binds: each method's full name, request and response type, and
/// the name of the service method it calls. The plugins list their methods by hand (exact types start faster in a
/// Native AOT build); their tests hold those lists equal to this.
/// </summary>
public static class GeneratedBinding
{
    /// <summary>The methods <paramref name="bindService"/> binds, sorted by full name.</summary>
    public static IReadOnlyList<string> Signatures(Action<ServiceBinderBase> bindService)
    {
        var recorder = new Recorder();
        bindService(recorder);
        return [.. recorder.Methods.Order(StringComparer.Ordinal)];
    }

    /// <summary>The same form for a hand-written list (full name, types, handler).</summary>
    public static IReadOnlyList<string> Signatures(IEnumerable<(string FullName, Type Request, Type Response, Delegate Handler)> methods) =>
        [.. methods.Select(m => Describe(m.FullName, m.Request, m.Response, m.Handler)).Order(StringComparer.Ordinal)];

    private static string Describe(string fullName, Type request, Type response, Delegate? handler) =>
        $"{fullName} ({request.FullName}) -> {response.FullName} via {handler?.Method.Name ?? "(none)"}";

    private sealed class Recorder : ServiceBinderBase
    {
        public List<string> Methods { get; } = [];

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            Methods.Add(Describe(method.FullName, typeof(TRequest), typeof(TResponse), handler));
    }
}
