namespace AuditInfra.Reader.Verification;

/// <summary>Live counters a progress display may read at any time while a verification runs. Thread-safe.</summary>
public sealed class VerifyProgress
{
    private long _listed;
    private long _done;
    private long _records;
    private long _storedBytes;

    public long ObjectsListed => Interlocked.Read(ref _listed);

    public long ObjectsDone => Interlocked.Read(ref _done);

    public long Records => Interlocked.Read(ref _records);

    public long StoredBytes => Interlocked.Read(ref _storedBytes);

    internal void Listed() => Interlocked.Increment(ref _listed);

    internal void Done(long records, long storedBytes)
    {
        Interlocked.Increment(ref _done);
        Interlocked.Add(ref _records, records);
        Interlocked.Add(ref _storedBytes, storedBytes);
    }
}
