using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Model;

/// <summary>
/// Finds which resources of a stack a property value points at. In a program the value is a reference
/// (<c>${key.accessKey}</c>); in a preview it is the other resource's known output (an id, an access key) or,
/// while that resource is still being created, the unknown sentinel, which can only be matched to a resource
/// whose same output is not known yet either.
/// </summary>
public static class References
{
    public static IReadOnlyList<AuditResource> Targets(StackView view, PolicyValue? value, string type, string output) => value switch
    {
        ReferenceValue reference => view.OfType(type).Where(r => r.AnswersTo(reference.Resource)).ToList(),
        ScalarValue scalar => view.OfType(type).Where(r => r.Output(output)?.Text == scalar.Raw).ToList(),
        UnknownValue or SecretValue => view.OfType(type).Where(r => r.Output(output) is null or UnknownValue or SecretValue or ReferenceValue).ToList(),
        _ => [],
    };

    /// <summary>True when the two values name the same thing: equal text, or references to the same resource output.</summary>
    public static bool Same(PolicyValue? a, PolicyValue? b) => (a, b) switch
    {
        (ScalarValue x, ScalarValue y) => x.Raw == y.Raw,
        (ReferenceValue x, ReferenceValue y) => x.Resource == y.Resource && x.Path == y.Path,
        _ => false,
    };

    /// <summary>True when the bucket-name value names the bucket of one of the stack's Object Lock buckets.</summary>
    public static bool IsLockedBucket(StackView view, PolicyValue? bucketName) => bucketName switch
    {
        ReferenceValue => Targets(view, bucketName, ResourceTypes.ObjectLockBucket, "bucketName").Count > 0,
        ScalarValue or UnknownValue => view.OfType(ResourceTypes.ObjectLockBucket).Any(b => Same(b.Property("bucketName"), bucketName) || bucketName is UnknownValue && b.Property("bucketName") is not ScalarValue),
        _ => false,
    };
}
