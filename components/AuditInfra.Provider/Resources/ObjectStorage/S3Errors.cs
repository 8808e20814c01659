using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Resources.ObjectStorage;

/// <summary>Turns S3 failures into one clear <see cref="ResourceException"/> that names the action and the service's error code.</summary>
public static class S3Errors
{
    public static async Task<T> RunAsync<T>(string action, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonS3Exception error)
        {
            throw Translate(action, error);
        }
        catch (AmazonClientException error)
        {
            throw new ResourceException(ResourceErrorKind.Unavailable, $"{action}: cannot reach Object Storage ({error.Message})", innerException: error);
        }
        catch (HttpRequestException error)
        {
            throw new ResourceException(ResourceErrorKind.Unavailable, $"{action}: cannot reach Object Storage ({error.Message})", innerException: error);
        }
    }

    public static Task RunAsync(string action, Func<Task> call) => RunAsync(action, async () =>
    {
        await call();
        return true;
    });

    public static bool IsNotFound(AmazonS3Exception error) =>
        error.StatusCode == HttpStatusCode.NotFound || error.ErrorCode is "NoSuchBucket" or "NotFound";

    private static ResourceException Translate(string action, AmazonS3Exception error)
    {
        var kind = error.ErrorCode switch
        {
            "BucketAlreadyExists" or "BucketAlreadyOwnedByYou" => ResourceErrorKind.AlreadyExists,
            "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" => ResourceErrorKind.AccessDenied,
            "NoSuchBucket" => ResourceErrorKind.NotFound,
            "InvalidBucketName" or "MalformedXML" or "InvalidArgument" or "InvalidRequest" => ResourceErrorKind.InvalidInput,
            _ when error.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => ResourceErrorKind.AccessDenied,
            _ when (int)error.StatusCode >= 500 => ResourceErrorKind.Unavailable,
            _ => ResourceErrorKind.PreconditionFailed,
        };
        var code = string.IsNullOrEmpty(error.ErrorCode) ? ((int)error.StatusCode).ToString() : error.ErrorCode;
        return new ResourceException(kind, $"{action}: Object Storage answered {code} ({error.Message})", code, error);
    }
}
