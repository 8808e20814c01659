namespace AuditInfra.Investigation.Records;

/// <summary>
/// Event codes of sign-in records (<c>-login</c> files). They are not in the published catalog (DESIGN.md), so
/// the known ones are listed here for validating <c>--code</c> and for the brute-force detection.
/// </summary>
public static class SignInCodes
{
    public const string Success = "login-success";
    public const string Failure = "login-failure";
    public const string Logout = "logout";

    public static IReadOnlyList<string> All { get; } = [Success, Failure, Logout];
}
