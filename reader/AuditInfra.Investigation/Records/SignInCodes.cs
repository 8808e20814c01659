using AuditInfra.Reader.Catalog;

namespace AuditInfra.Investigation.Records;

/// <summary>
/// Event codes of sign-in records (<c>-login</c> files). They are not in Akamai's published catalog, so the known
/// ones are listed here for validating <c>--code</c>, for the brute-force detection, and for <c>catalog</c>, which
/// shows them in a group of their own (<see cref="RecordClassifier.SignInGroup"/>) so a search finds what
/// <c>verify</c> counts. The spellings are those of the design's record shape (docs/verify.md).
/// </summary>
public static class SignInCodes
{
    public const string Success = "login-success";
    public const string Failure = "login-failure";
    public const string Logout = "logout";

    public static IReadOnlyList<string> All { get; } = [Success, Failure, Logout];

    /// <summary>The sign-in codes as catalog rows (service Platform, group Sign-in, no API operation).</summary>
    public static IReadOnlyList<EventCode> Entries { get; } =
    [
        new(Success, RecordClassifier.SignInService, RecordClassifier.SignInGroup, "A user signed in (not in Akamai's published catalog)", string.Empty),
        new(Failure, RecordClassifier.SignInService, RecordClassifier.SignInGroup, "A sign-in failed (not in Akamai's published catalog)", string.Empty),
        new(Logout, RecordClassifier.SignInService, RecordClassifier.SignInGroup, "A user signed out (not in Akamai's published catalog)", string.Empty),
    ];
}
