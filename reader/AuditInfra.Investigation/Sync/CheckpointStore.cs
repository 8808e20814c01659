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
        if (Directory.Exists(Path))
        {
            throw new InvestigationException($"checkpoint {Path} is a folder; --checkpoint takes a file");
        }

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
        catch (JsonException ex)
        {
            // The serializer's own message spans lines and quotes the bad bytes; one line says where and what to do.
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : string.Empty;
            throw new InvestigationException(
                $"checkpoint {Path} is not a sync checkpoint (not valid JSON{where}); pass another --checkpoint file, or delete it to start over with --since", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
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
