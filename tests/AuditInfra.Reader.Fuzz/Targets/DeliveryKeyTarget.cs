using System.Text;
using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Fuzz.Targets;

/// <summary>
/// An object key through the delivery-key parser, with Akamai's default layout and with a custom path: every key
/// gets a kind; a delivery always has its day, stream and category, an unexpected key always a reason.
/// </summary>
public static class DeliveryKeyTarget
{
    private static readonly DeliveryLayout Default = new();
    private static readonly DeliveryLayout Custom = new("audit/custom");

    public static void Run(byte[] input)
    {
        var key = Encoding.UTF8.GetString(input);
        foreach (var layout in (ReadOnlySpan<DeliveryLayout>)[Default, Custom])
        {
            var parsed = layout.Parse(key, input.Length);
            if (parsed.Key != key)
            {
                throw new FuzzInvariantException("the parsed key differs from the key");
            }

            if (parsed.Kind == KeyKind.Delivery && (parsed.Day is null || parsed.Category is null || parsed.Partition is null))
            {
                throw new FuzzInvariantException("a delivery without its day, category or partition");
            }

            if (parsed.Kind == KeyKind.Unexpected && string.IsNullOrEmpty(parsed.Reason))
            {
                throw new FuzzInvariantException("an unexpected key without a reason");
            }
        }
    }
}
