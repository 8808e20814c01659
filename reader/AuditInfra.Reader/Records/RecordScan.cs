namespace AuditInfra.Reader.Records;

/// <summary>The scans a line may go through, fastest first; each later one takes what the earlier declined.</summary>
internal enum RecordScan
{
    /// <summary>The vectorized structural scan (<see cref="StructuralCursor"/>) and its walk.</summary>
    Indexed,

    /// <summary>The byte-level scan token by token.</summary>
    PerToken,

    /// <summary><see cref="System.Text.Json.Utf8JsonReader"/>, which accepts the line or says what is wrong with it.</summary>
    Reader,
}
