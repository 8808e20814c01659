using System.Runtime.CompilerServices;

namespace AuditInfra.Reader.Sources;

/// <summary>Object-only and prefix-only views of <see cref="ILogSource.ListAsync"/>.</summary>
public static class LogSourceExtensions
{
    /// <summary>Objects directly under <paramref name="prefix"/> (or, with <paramref name="recursive"/>, at any depth).</summary>
    public static async IAsyncEnumerable<LogObjectInfo> ListObjectsAsync(
        this ILogSource source, string prefix, bool recursive, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entry in source.ListAsync(prefix, recursive, cancellationToken))
        {
            if (entry.Object is { } item)
            {
                yield return item;
            }
        }
    }

    /// <summary>The immediate child prefixes of <paramref name="prefix"/>, each ending with '/'.</summary>
    public static async IAsyncEnumerable<string> ListPrefixesAsync(
        this ILogSource source, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entry in source.ListAsync(prefix, recursive: false, cancellationToken))
        {
            if (entry.Prefix is { } child)
            {
                yield return child;
            }
        }
    }
}
