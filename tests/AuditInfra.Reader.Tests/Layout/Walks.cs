using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Tests.Layout;

/// <summary>What a default-layout walk gives, in order, for comparing walks made different ways.</summary>
internal static class Walks
{
    /// <summary>Each object as "Kind key" in walk order, and the partitions found.</summary>
    public static async Task<(List<string> Keys, List<string> Partitions)> KeysAndPartitionsAsync(ILogSource source, DateOnly from, DateOnly to)
    {
        var walker = new DeliveryWalker(source, new DeliveryLayout());
        var keys = new List<string>();
        await foreach (var item in walker.WalkAsync(from, to))
        {
            keys.Add($"{item.Key.Kind} {item.Key.Key}");
        }

        return (keys, [.. walker.Partitions.Select(p => p.ToString())]);
    }
}
