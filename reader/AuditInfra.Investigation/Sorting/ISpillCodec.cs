namespace AuditInfra.Investigation.Sorting;

/// <summary>
/// Writes an item to a spill file and reads it back. The round trip must be exact (every field, every string as the
/// same UTF-16 code units): what a sort reads back from disk is what it writes to the output.
/// </summary>
public interface ISpillCodec<T>
{
    void Write(BinaryWriter writer, T item);

    T Read(BinaryReader reader);
}
