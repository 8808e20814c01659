namespace AuditInfra.TestSupport;

/// <summary>Locates the repository root (where AuditInfra.sln lives) from the test binary's folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AuditInfra.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AuditInfra.sln not found above " + AppContext.BaseDirectory);
    }
}
