using System.Security.Claims;

namespace Refunds.Http.Auth;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Ops = "Ops";
    public const string Sync = "Sync";

    public const string RoleClaim = "roles";
    public const string OrganizationClaim = "org_id";

    /// <summary>An admin acts only inside the organization their token names.</summary>
    public static bool IsAdminOf(this ClaimsPrincipal user, string organizationId) =>
        user.IsInRole(Admin) && string.Equals(user.FindFirst(OrganizationClaim)?.Value, organizationId, StringComparison.Ordinal);

    /// <summary>
    /// A Sync token that names organizations (<c>org_id</c>) records data of those only; one without the claim is the
    /// platform's and records data of any organization.
    /// </summary>
    public static bool MaySyncFor(this ClaimsPrincipal user, string organizationId) =>
        user.IsInRole(Sync)
        && user.FindAll(OrganizationClaim).All(claim => string.Equals(claim.Value, organizationId, StringComparison.Ordinal));

    public static string Subject(this ClaimsPrincipal user) =>
        user.FindFirst("sub")?.Value ?? "unknown";
}
