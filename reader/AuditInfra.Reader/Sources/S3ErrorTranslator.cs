using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace AuditInfra.Reader.Sources;

/// <summary>Turns SDK exceptions into one clear <see cref="LogSourceException"/> line, and says which are worth a retry.</summary>
internal static class S3ErrorTranslator
{
    public static bool IsTransient(Exception ex) => ex switch
    {
        AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError } => true,
        AmazonServiceException { StatusCode: HttpStatusCode.TooManyRequests } => true,
        AmazonServiceException { ErrorCode: "SlowDown" or "RequestTimeout" or "InternalError" } => true,
        IOException or HttpRequestException or SocketException or TimeoutException => true,
        TaskCanceledException => true,
        _ when ex.InnerException is { } inner => IsTransient(inner),
        _ => false,
    };

    /// <summary>
    /// True when the endpoint itself is down (connection refused, host not found or unreachable) rather than one
    /// request failing: the run ends with one access error instead of a finding per object.
    /// </summary>
    public static bool IsEndpointDown(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable
                    or SocketError.NetworkUnreachable or SocketError.NetworkDown or SocketError.TryAgain })
            {
                return true;
            }
        }

        return false;
    }

    public static LogSourceException Translate(Exception ex, string bucket, string endpoint)
    {
        if (FindUnreachable(ex) is { } network)
        {
            return new LogSourceException($"S3 endpoint {endpoint} is not answering ({network.Message})", "EndpointUnreachable", ex);
        }

        var code = (ex as AmazonServiceException)?.ErrorCode ?? (ex.InnerException as AmazonServiceException)?.ErrorCode;
        var status = (ex as AmazonServiceException)?.StatusCode;
        return code switch
        {
            "NoSuchBucket" => new LogSourceException($"bucket {bucket} does not exist at {endpoint}", code, ex),
            "InvalidAccessKeyId" => new LogSourceException($"the access key is not known to {endpoint} (InvalidAccessKeyId)", code, ex),
            "SignatureDoesNotMatch" => new LogSourceException($"the secret key does not match the access key at {endpoint} (SignatureDoesNotMatch)", code, ex),
            "AccessDenied" or "AllAccessDisabled" => new LogSourceException($"access to bucket {bucket} at {endpoint} is denied ({code}): the key needs read and list permission", code, ex),
            { Length: > 0 } => new LogSourceException($"S3 error {code} from {endpoint} for bucket {bucket}: {ex.Message}", code, ex),
            _ when status is HttpStatusCode.NotFound => new LogSourceException($"bucket {bucket} does not exist at {endpoint}", "NoSuchBucket", ex),
            _ when status is HttpStatusCode.Forbidden => new LogSourceException($"access to bucket {bucket} at {endpoint} is denied", "AccessDenied", ex),
            _ when ex is AmazonClientException && ex.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase) =>
                new LogSourceException("no S3 credentials: set S3:AccessKey and S3:SecretKey (AUDITINFRA_S3__ACCESSKEY, …) or the standard AWS variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or profile", "NoCredentials", ex),
            _ => new LogSourceException($"S3 request to {endpoint} for bucket {bucket} failed: {ex.Message}", null, ex),
        };
    }

    private static Exception? FindUnreachable(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is HttpRequestException or SocketException or TimeoutException || (ex is TaskCanceledException && ex.InnerException is TimeoutException))
            {
                return ex;
            }
        }

        return null;
    }
}
