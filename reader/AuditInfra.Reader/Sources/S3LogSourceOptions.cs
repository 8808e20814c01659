namespace AuditInfra.Reader.Sources;

/// <summary>How to reach an S3 bucket (Linode Object Storage, or any S3-compatible endpoint).</summary>
public sealed class S3LogSourceOptions
{
    /// <summary>The S3 endpoint, e.g. <c>https://us-ord-1.linodeobjects.com</c>. Null: AWS's own endpoint for the region.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The signing region. Linode accepts any; <c>us-east-1</c> when unset.</summary>
    public string? Region { get; set; }

    /// <summary>Access key; with <see cref="SecretKey"/>. Unset: the standard AWS chain (environment, profile, …).</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>How often a request that failed transiently (5xx, throttling, broken connection) is retried, with backoff.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>
    /// How long the first call (listing one key, before anything is read) may take with all its retries: an endpoint
    /// that accepts connections but never answers is reported after this, not after (MaxRetries + 1) × RequestTimeout.
    /// </summary>
    public TimeSpan FirstAnswerTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one request may take before it counts as a transient failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long one read of an object's body may wait for data before the connection counts as broken (and the body
    /// is resumed from where it stopped). Bounds a body that stalls after its headers; the SDK's timeout does not.
    /// </summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Objects fetched ahead at once, for readers that say what they will open next (<see cref="ILogSource.ReadAhead"/>).
    /// Fetching is bounded by latency, parsing by cores: with 30–80 ms per request, 64 requests in flight keep two
    /// cores busy with objects of a few hundred KiB (measured with scripts/bench-s3.sh). 0 turns read-ahead off.
    /// </summary>
    public int ReadAheadObjects { get; set; } = 64;

    /// <summary>Bytes of object bodies held in memory by read-ahead (fetched and not yet read, or being read). Larger objects than a quarter of it stream as before.</summary>
    public long ReadAheadBytes { get; set; } = 64L << 20;

    /// <summary>
    /// Whether read-ahead fetches objects with a light GET (a URL presigned by the SDK, fetched by a plain HTTP client,
    /// the body checked against the listed size and its MD5 ETag) instead of the SDK's full request pipeline, which
    /// costs more CPU than a small object's GET itself. Any failure of a light GET leaves the object to the SDK's own
    /// read with its retries and messages, so results do not depend on it. False: read-ahead goes through the SDK.
    /// </summary>
    public bool LightReadAhead { get; set; } = true;

    /// <summary>ListObjectsV2 requests in flight at once while a walk lists the next folders ahead.</summary>
    public int ConcurrentListings { get; set; } = 16;

    /// <summary>The first backoff delay when a broken object body is resumed; each retry doubles it (with jitter).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
