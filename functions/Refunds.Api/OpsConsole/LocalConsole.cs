using Refunds.Http.OpsConsole;

namespace Refunds.Api.OpsConsole;

/// <summary>
/// The ops console at <c>/ops/</c>, the local host's own address for it (the shared edge also serves it under
/// <c>/api/console/</c>, where the Functions app has it), and, in Development only, the development token minter.
/// </summary>
public static class LocalConsole
{
    public const string Route = "/ops/{*path}";

    public static void Map(WebApplication app)
    {
        app.MapGet(Route, ConsoleEndpoint.Handle).AllowAnonymous().ExcludeFromDescription();
        if (app.Environment.IsDevelopment())
        {
            DevTokenEndpoint.Map(app);
        }
    }
}
