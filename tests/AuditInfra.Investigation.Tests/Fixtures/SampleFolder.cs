using AuditInfra.TestSupport;

namespace AuditInfra.Investigation.Tests.Fixtures;

/// <summary>The sample delivery written once to a folder, for every test in a class.</summary>
public sealed class SampleFolder : IDisposable
{
    private readonly TempDirectory _dir = new("sample");

    public SampleFolder()
    {
        Sample.Build().WriteTo(_dir.Path);
    }

    public string Source => _dir.Path;

    public void Dispose() => _dir.Dispose();
}
