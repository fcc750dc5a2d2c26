namespace Refunds.Api.OpsConsole;

/// <summary>The body of <c>POST /ops/dev-token</c>: the roles to grant and, for Admin, the organization.</summary>
public sealed record DevTokenRequest(IReadOnlyList<string>? Roles, string? OrgId);
