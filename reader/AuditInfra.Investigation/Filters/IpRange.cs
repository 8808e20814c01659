using System.Net;

namespace AuditInfra.Investigation.Filters;

/// <summary>An address or a CIDR block (<c>--ip 203.0.113.7</c>, <c>--ip 203.0.113.0/24</c>, IPv6 alike).</summary>
public sealed class IpRange
{
    private readonly IPNetwork _network;

    private IpRange(string text, IPNetwork network)
    {
        Text = text;
        _network = network;
    }

    public string Text { get; }

    public static bool TryParse(string text, out IpRange? range)
    {
        text = text.Trim();
        range = null;
        if (text.Contains('/', StringComparison.Ordinal))
        {
            // IPNetwork.TryParse rejects host bits set (10.0.0.1/8); a user typing that means the block, so mask them.
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (!IPAddress.TryParse(text.AsSpan(0, slash), out var address) ||
                !int.TryParse(text.AsSpan(slash + 1), out var bits) ||
                bits < 0 || bits > (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))
            {
                return false;
            }

            range = new IpRange(text, new IPNetwork(Mask(address, bits), bits));
            return true;
        }

        if (!IPAddress.TryParse(text, out var single))
        {
            return false;
        }

        range = new IpRange(text, new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
        return true;
    }

    /// <summary>True when <paramref name="address"/> (as delivered, possibly with a port or brackets) lies in the range.</summary>
    public bool Contains(string? address)
    {
        if (address is null)
        {
            return false;
        }

        if (!IPAddress.TryParse(address, out var parsed))
        {
            return false;
        }

        if (parsed.IsIPv4MappedToIPv6 && _network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            parsed = parsed.MapToIPv4();
        }

        return _network.Contains(parsed);
    }

    private static IPAddress Mask(IPAddress address, int bits)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(bits - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }

    public override string ToString() => Text;
}
