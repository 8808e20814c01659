using AuditInfra.Reader.Catalog;

namespace AuditInfra.Reader.Tests.Catalog;

public class EventCodeFamilyTests
{
    [Theory]
    [InlineData("s3-DeleteBucket", "DeleteBucket")]
    [InlineData("s3:deletebucket", "DeleteBucket")]
    [InlineData("S3_Delete_Bucket_Policy", "DeleteBucketPolicy")]
    [InlineData("s3PutObjectLockConfiguration", "PutObjectLockConfiguration")]
    [InlineData("s3-GetObject", null)]
    public void An_s3_code_is_known_by_its_prefix_and_names_its_operation_whatever_the_spelling(string code, string? operation)
    {
        var catalog = EventCatalog.Default;
        var entry = catalog.Find(code);
        Assert.NotNull(entry);
        Assert.Equal(("Storage", "Object Storage (S3 API)"), (entry.Service, entry.Group));
        Assert.False(catalog.Contains(code)); // known, not listed
        Assert.Equal(operation, EventCodeFamily.ObjectStorageS3.OperationOf(code));
        Assert.Contains("Object Storage (S3 API)", catalog.Groups);
    }

    [Theory]
    [InlineData("s3")]
    [InlineData("post-s3-bucket")]
    [InlineData("delete-linode-nonsense")]
    public void Other_codes_are_not_the_family(string code)
    {
        Assert.Null(EventCatalog.Default.Find(code));
        Assert.False(EventCodeFamily.ObjectStorageS3.Matches(System.Text.Encoding.UTF8.GetBytes(code)));
    }
}
