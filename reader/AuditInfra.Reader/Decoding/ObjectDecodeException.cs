namespace AuditInfra.Reader.Decoding;

/// <summary>An object that cannot be decompressed or read to its end: the <c>corrupt_object</c> finding.</summary>
public sealed class ObjectDecodeException : Exception
{
    public ObjectDecodeException(ObjectDamage damage, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Damage = damage;
    }

    public ObjectDecodeException()
    {
    }

    public ObjectDecodeException(string message)
        : base(message)
    {
    }

    public ObjectDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ObjectDamage Damage { get; }
}

/// <summary>Why an object could not be read; truncation (an interrupted upload) and corruption have different causes.</summary>
public enum ObjectDamage
{
    /// <summary>Not gzip, or the compressed data or its checksum is wrong.</summary>
    Corrupt,

    /// <summary>The gzip data ends before its trailer: the object was cut short.</summary>
    Truncated,

    /// <summary>Reading the stored bytes failed (e.g. the connection broke and retries were used up).</summary>
    Unreadable,

    /// <summary>It decompresses to more than the configured cap (MaxObjectBytes): a decompression bomb, not read on.</summary>
    TooLarge,

    /// <summary>More malformed lines than the configured cap (MaxMalformedLines): not a delivery, not read on.</summary>
    TooManyMalformedLines,
}
