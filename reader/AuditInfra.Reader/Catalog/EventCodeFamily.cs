namespace AuditInfra.Reader.Catalog;

/// <summary>
/// A family of event codes known by their prefix rather than listed one by one, because the exact spellings are
/// not published. The one family today: Object Storage bucket management made through the S3 API, which arrives as
/// config records whose <c>data.eventcode</c> starts with <c>s3</c> (Akamai TechDocs, "Logs for Object Storage",
/// techdocs.akamai.com/cloud-computing/docs/logs-for-object-storage: "codes starting with s3 come from the S3 API,
/// anything else from the Linode API"; it lists the operations in <see cref="Operations"/>).
/// </summary>
/// <param name="Prefix">What every code of the family starts with (compared without regard to case).</param>
/// <param name="Service">The catalog service the family belongs to.</param>
/// <param name="Group">The catalog group the family's codes are shown under.</param>
/// <param name="Description">What the family records, and where that comes from.</param>
/// <param name="Operations">The operations the source names (S3 API action names such as <c>DeleteBucket</c>).</param>
public sealed record EventCodeFamily(string Prefix, string Service, string Group, string Description, IReadOnlyList<string> Operations)
{
    /// <summary>Object Storage bucket management through the S3 API (codes <c>s3…</c>).</summary>
    public static EventCodeFamily ObjectStorageS3 { get; } = new(
        "s3",
        "Storage",
        "Object Storage (S3 API)",
        "Bucket management through the S3 API (Akamai TechDocs, Logs for Object Storage); the page names the operations but not the exact code spellings, so any code starting with s3 is this family",
        ["CreateBucket", "DeleteBucket", "DeleteBucketLifecycle", "DeleteBucketPolicy", "PutBucketAcl", "PutBucketLifecycleConfiguration", "PutBucketPolicy", "PutBucketVersioning", "PutObjectLockConfiguration"]);

    /// <summary>The pattern users type for the whole family, e.g. <c>s3*</c>.</summary>
    public string Pattern => Prefix + "*";

    public bool Matches(ReadOnlySpan<char> code) => code.Length > Prefix.Length && code.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    public bool Matches(ReadOnlySpan<byte> code) => code.Length > Prefix.Length && System.Text.Ascii.EqualsIgnoreCase(code[..Prefix.Length], Prefix);

    /// <summary>
    /// The operation a code of this family names, whatever its spelling (<c>s3-DeleteBucket</c>, <c>s3:deletebucket</c>,
    /// <c>s3_delete_bucket</c>): the code without its prefix, letters and digits only, compared without case. Null
    /// when the code is not of this family or names no listed operation.
    /// </summary>
    public string? OperationOf(string code)
    {
        if (!Matches(code.AsSpan()))
        {
            return null;
        }

        var name = ActionName(code);
        return Operations.FirstOrDefault(op => op.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The code without its prefix, letters and digits only (<c>s3-delete_bucket</c> → <c>deletebucket</c>): the S3 API
    /// action it names in whatever spelling, listed or not. The caller checks <see cref="Matches(ReadOnlySpan{char})"/> first.
    /// </summary>
    public string ActionName(string code) => string.Concat(code[Prefix.Length..].Where(char.IsAsciiLetterOrDigit));

    /// <summary>The catalog entry a code of this family stands for (its own code, the family's service and group).</summary>
    public EventCode EntryFor(string code) => new(code, Service, Group, Description, OperationOf(code) ?? "S3 API call");
}
