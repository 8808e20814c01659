using AuditInfra.Reader.Sources;

namespace AuditInfra.Reader.Integrity.Store;

/// <summary>The integrity store that goes with a log source.</summary>
public static class IntegrityStores
{
    /// <exception cref="ArgumentException">The source is neither an S3 bucket nor a folder.</exception>
    public static IIntegrityStore For(ILogSource source) => source switch
    {
        S3LogSource s3 => s3.CreateIntegrityStore(),
        FolderLogSource folder => new FolderIntegrityStore(folder.Root),
        HashingLogSource hashing => For(hashing.Inner),
        _ => throw new ArgumentException($"{source.Description} cannot be sealed or checked for integrity"),
    };
}
