using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Functions.Http;

namespace Refunds.Functions.Auth;

/// <summary>
/// The worker's UseAuthentication + UseAuthorization: the JwtBearer handler the local host uses authenticates, and the
/// [Authorize] / [AllowAnonymous] attributes on the [Function] method say what is required, as endpoint metadata does
/// there. A function with neither needs an authenticated caller: forgetting an attribute cannot open a route.
/// Orchestrations, activities and timers have no HttpContext and pass straight through.
/// </summary>
public sealed class BearerAuthMiddleware(IAuthorizationPolicyProvider policies) : IFunctionsWorkerMiddleware
{
    private static readonly ConcurrentDictionary<string, MethodInfo?> Methods = new(StringComparer.Ordinal);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var method = Methods.GetOrAdd(context.FunctionDefinition.EntryPoint, _ => FunctionMethods.Resolve(context.FunctionDefinition));
        if (await AuthorizeAsync(http, method) is { } refusal)
        {
            HttpFunctionContext.Answer(context, refusal);
            return;
        }

        await next(context);
    }

    /// <summary>Null when the request may go on to the function (with <c>http.User</c> set); otherwise the 401/403 answer.</summary>
    public async Task<IResult?> AuthorizeAsync(HttpContext http, MethodInfo? method)
    {
        ArgumentNullException.ThrowIfNull(http);

        // As UseAuthentication does for every request: the user is known even where no one is required.
        var authentication = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (authentication.Succeeded)
        {
            http.User = authentication.Principal;
        }

        if (method?.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
        {
            return null;
        }

        IAuthorizeData[] declared = method?.GetCustomAttributes<AuthorizeAttribute>().ToArray() ?? [];
        var policy = await AuthorizationPolicy.CombineAsync(policies, declared.Length > 0 ? declared : [new AuthorizeAttribute()])
            ?? throw new InvalidOperationException("No authorization policy could be built.");
        // Per request, as AuthorizationMiddleware resolves it: this middleware lives as long as the worker.
        var evaluator = http.RequestServices.GetRequiredService<IPolicyEvaluator>();
        var authorization = await evaluator.AuthorizeAsync(policy, authentication, http, resource: null);
        if (authorization.Challenged)
        {
            // The handler sets 401 and WWW-Authenticate (with error="invalid_token" for a bad token), as in the local host.
            await http.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme);
            return StatusCodeProblem.Instance;
        }

        if (authorization.Forbidden)
        {
            await http.ForbidAsync(JwtBearerDefaults.AuthenticationScheme);
            return StatusCodeProblem.Instance;
        }

        return null;
    }
}
