using Microsoft.AspNetCore.Authentication;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Functions.Tests.Support;

namespace Refunds.Functions.Tests.Composition;

[Collection(FunctionsCollection.Name)]
public sealed class WorkerContainerTests(FunctionsFixture fixture)
{
    [Fact]
    public void ConfigureRefundsFunctions_Container_HasNoProcessWideDurableClient()
    {
        var services = fixture.Worker.Services;

        // Only a function's [DurableClient] binding may be used (passed to the application by each function); a
        // process-wide client would talk to no task hub.
        Assert.Null(services.GetService<DurableTaskClient>());
    }

    [Fact]
    public async Task ConfigureRefundsFunctions_Container_AuthenticatesWithJwtBearer()
    {
        var schemes = fixture.Worker.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.Equal("Bearer", (await schemes.GetDefaultAuthenticateSchemeAsync())?.Name);
    }
}
