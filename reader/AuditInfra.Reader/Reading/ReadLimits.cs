namespace AuditInfra.Reader.Reading;

/// <summary>
/// How big and how deep a delivered line may be before it is a <c>malformed_record</c> (skipped as it streams,
/// never held whole). Memory per reading worker is at most one line buffer of the larger limit.
/// </summary>
/// <param name="MaxLineBytes">
/// The longest line in CloudEvents files (config, sign-in): Akamai's records are a few KiB, so 1 MiB is already
/// generous and stops a broken object from costing more.
/// </param>
/// <param name="MaxKubernetesLineBytes">
/// The longest line in LKE files. A RequestResponse-level Event logs request and response bodies; the API server
/// accepts request bodies up to 3 MiB (apiserver <c>MaxRequestBodyBytes</c>) and a response is at least as big, so
/// one valid Event can be several MiB. 16 MiB leaves room for both plus metadata.
/// </param>
/// <param name="MaxJsonDepth">
/// The deepest JSON nesting accepted. Custom resources nest deeply in their own right, and a RequestResponse Event
/// puts them two levels down; 256 is four times System.Text.Json's default of 64.
/// </param>
public sealed record ReadLimits(int MaxLineBytes = ReadLimits.DefaultMaxLineBytes, int MaxKubernetesLineBytes = ReadLimits.DefaultMaxKubernetesLineBytes, int MaxJsonDepth = ReadLimits.DefaultMaxJsonDepth)
{
    public const int DefaultMaxLineBytes = 1 << 20;
    public const int DefaultMaxKubernetesLineBytes = 16 << 20;
    public const int DefaultMaxJsonDepth = 256;

    /// <summary>The deepest nesting that may be configured: the hot-path scanner recurses once per level.</summary>
    public const int MaxConfigurableJsonDepth = 4096;

    public static ReadLimits Default { get; } = new();

    /// <summary>The line limit for an object of this category, and the name of the setting that raises it.</summary>
    public (int Bytes, string Setting) LineLimitFor(Layout.LogCategory category) => category == Layout.LogCategory.Kubernetes
        ? (MaxKubernetesLineBytes, nameof(MaxKubernetesLineBytes))
        : (MaxLineBytes, nameof(MaxLineBytes));

    /// <summary>Null when the limits are usable, else the one-line reason.</summary>
    public string? Validate() =>
        MaxLineBytes < 1024 ? $"MaxLineBytes is {MaxLineBytes}; it must be at least 1024"
        : MaxKubernetesLineBytes < 1024 ? $"MaxKubernetesLineBytes is {MaxKubernetesLineBytes}; it must be at least 1024"
        : MaxJsonDepth is < 8 or > MaxConfigurableJsonDepth ? $"MaxJsonDepth is {MaxJsonDepth}; it must be between 8 and {MaxConfigurableJsonDepth}"
        : null;
}
