namespace AuditInfra.Investigation.Sync;

/// <summary>Settings of one <c>sync</c> run.</summary>
public sealed class SyncOptions
{
    /// <summary>The checkpoint file (created on the first run).</summary>
    public required string CheckpointPath { get; init; }

    /// <summary>The JSON Lines file records are appended to; null writes to stdout (at-least-once, see docs/investigation.md).</summary>
    public string? OutputPath { get; init; }

    /// <summary>First run only: the first day to collect (backfill start). Unset: today (UTC), no history.</summary>
    public DateOnly? Since { get; init; }

    /// <summary>Days before the newest collected day that are listed again, so objects landing late for them are picked up.</summary>
    public int LateDays { get; init; } = 1;

    /// <summary>Objects (and their record ids) collected within this time of the newest one are remembered.</summary>
    public TimeSpan DedupWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Cap on the ids the dedup window holds (8 bytes each in the checkpoint); the oldest objects go first.</summary>
    public int MaxDedupIds { get; init; } = 200_000;

    /// <summary>A file output is made durable and the checkpoint saved after this many objects (and at the end).</summary>
    public int CheckpointEvery { get; init; } = 16;

    /// <summary>
    /// Keys in the checkpoint's retry list to give up (or <see cref="GiveUpAll"/>): each is read one last time, what
    /// can be read is written, and the rest is recorded in the quarantine file instead of being retried again.
    /// </summary>
    public IReadOnlyList<string> GiveUp { get; init; } = [];

    /// <summary>The value of <see cref="GiveUp"/> that gives up the whole retry list.</summary>
    public const string GiveUpAll = "all";

    /// <summary>Where skipped lines and given-up objects are recorded: next to the output (or the checkpoint, for stdout).</summary>
    public string QuarantinePath => (OutputPath ?? CheckpointPath) + ".quarantine.jsonl";

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Rejects settings that cannot work, before anything is read.</summary>
    public void Validate()
    {
        if (LateDays < 0)
        {
            throw new InvestigationException($"--late-days must not be negative (got {LateDays})");
        }

        if (DedupWindow < TimeSpan.Zero || MaxDedupIds < 0 || CheckpointEvery < 1)
        {
            throw new InvestigationException("--dedup-window must not be negative");
        }

        if (string.IsNullOrWhiteSpace(CheckpointPath))
        {
            throw new InvestigationException("--checkpoint is required");
        }

        if (OutputPath is not null && Path.GetFullPath(OutputPath) == Path.GetFullPath(CheckpointPath))
        {
            throw new InvestigationException("--output and --checkpoint name the same file");
        }
    }
}
