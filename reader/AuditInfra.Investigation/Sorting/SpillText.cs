using System.Runtime.InteropServices;

namespace AuditInfra.Investigation.Sorting;

/// <summary>
/// Strings in spill files: a length (-1 for null) and the UTF-16 code units as they are. Not UTF-8: a lone surrogate
/// would come back as U+FFFD, and a spilled record must read back exactly as it was written.
/// </summary>
public static class SpillText
{
    public static void Write(BinaryWriter writer, string? value)
    {
        if (value is null)
        {
            writer.Write(-1);
            return;
        }

        writer.Write(value.Length);
        writer.Write(MemoryMarshal.AsBytes(value.AsSpan()));
    }

    /// <exception cref="InvalidDataException">The length is not one a writer could have written.</exception>
    public static string? Read(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < 0)
        {
            return length == -1 ? null : throw new InvalidDataException($"spill file: string length {length}");
        }

        return string.Create(length, reader, static (chars, r) =>
        {
            var bytes = MemoryMarshal.AsBytes(chars);
            if (r.Read(bytes) != bytes.Length)
            {
                throw new EndOfStreamException("spill file: string cut short");
            }
        });
    }
}
