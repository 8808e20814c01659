using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditInfra.Investigation.Sync;

/// <summary>Reads and atomically replaces the checkpoint file.</summary>
public sealed class CheckpointStore
{
    public CheckpointStore(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>The stored checkpoint, or null when there is none yet (first run).</summary>
    public SyncCheckpoint? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        SyncCheckpoint? checkpoint;
        try
        {
            using var stream = File.OpenRead(Path);
            checkpoint = JsonSerializer.Deserialize(stream, CheckpointJsonContext.Default.SyncCheckpoint);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new InvestigationException($"checkpoint {Path} cannot be read: {ex.Message}", ex);
        }

        if (checkpoint is null || checkpoint.Version != SyncCheckpoint.CurrentVersion)
        {
            throw new InvestigationException($"checkpoint {Path} is not a version {SyncCheckpoint.CurrentVersion} sync checkpoint");
        }

        return checkpoint;
    }

    public void Save(SyncCheckpoint checkpoint)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(checkpoint, CheckpointJsonContext.Default.SyncCheckpoint);
        try
        {
            DurableFile.WriteAtomically(Path, bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvestigationException($"checkpoint {Path} cannot be written: {ex.Message}", ex);
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SyncCheckpoint))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
