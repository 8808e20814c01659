namespace AuditInfra.Reader.Generation;

/// <summary>Writes objects as files under a folder (created when missing); each file appears whole or not at all.</summary>
public sealed class FolderDeliveryTarget : IDeliveryTarget
{
    private readonly string _root;

    public FolderDeliveryTarget(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
        Description = root;
    }

    public string Description { get; }

    public bool SupportsFolderObjects => false;

    public async Task WriteAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".partial";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
