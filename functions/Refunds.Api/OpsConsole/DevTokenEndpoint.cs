using Refunds.Api.Auth;
using Refunds.Domain.Common;
using Refunds.Http.Auth;
using Refunds.Http.Http;

namespace Refunds.Api.OpsConsole;

/// <summary>
/// <c>GET /ops/dev-token</c> (the roles on offer) and <c>POST /ops/dev-token</c> (a token): the console's "sign in with
/// a development token", signed with the development key as <c>./mint-token.sh</c> does. Mapped only when the host
/// runs in Development, where that key (public knowledge) is trusted anyway; elsewhere these paths are the console's
/// 404. The POST needs a JSON body, so a page on another origin cannot make a browser send it without a preflight.
/// </summary>
public static class DevTokenEndpoint
{
    public const string Route = "/ops/dev-token";

    public const string Subject = "ops-console-dev";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private static readonly string[] Offered = [Roles.Ops, Roles.Admin, Roles.Sync];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Route, () => Results.Ok(new { roles = Offered })).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(Route, MintAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> MintAsync(HttpContext context, IConfiguration configuration, TimeProvider time, CancellationToken cancellationToken)
    {
        var privateKey = configuration["DevTokens:PrivateKeyPem"];
        if (string.IsNullOrWhiteSpace(privateKey))
        {
            return Problems.NotFound("This host has no development signing key (DevTokens:PrivateKeyPem).");
        }

        var (body, problem) = await JsonBody.ReadAsync<DevTokenRequest>(context.Request, optional: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var roles = body!.Roles ?? [];
        var errors = new Dictionary<string, string[]>();
        if (roles.Count == 0 || roles.Any(r => !Offered.Contains(r, StringComparer.Ordinal)))
        {
            errors["roles"] = [$"roles must list one or more of {string.Join(", ", Offered)}."];
        }

        var org = string.IsNullOrWhiteSpace(body.OrgId) ? null : body.OrgId;
        if (org is not null && !Ids.IsValid(org))
        {
            errors["orgId"] = ["orgId must be 1-64 characters of letters, digits, '_' or '-'."];
        }
        else if (org is null && roles.Contains(Roles.Admin, StringComparer.Ordinal))
        {
            errors["orgId"] = ["An Admin token needs the organization it administers."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var now = time.GetUtcNow();
        var token = DevTokens.Mint(privateKey, configuration["Auth:Issuer"] ?? "", configuration["Auth:Audience"] ?? "", Subject, org, roles, now, Lifetime);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Ok(new { token, expiresAt = now + Lifetime });
    }
}
