using AuditInfra.Reader.Decoding;

namespace AuditInfra.Reader.Tests.Decoding;

/// <summary>A test that needs libdeflate (the optional system library); skipped, saying why, when it is not there.</summary>
public sealed class LibDeflateFactAttribute : FactAttribute
{
    public LibDeflateFactAttribute()
    {
        if (!LibDeflate.IsAvailable)
        {
            Skip = $"libdeflate is not available here ({LibDeflate.Status}); install Debian's libdeflate0 to test the whole-object path";
        }
    }
}
