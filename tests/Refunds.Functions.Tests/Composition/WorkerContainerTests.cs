using Microsoft.AspNetCore.Authentication;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Refunds.Application.Orchestrations;
using Refunds.Functions.Tests.Support;

namespace Refunds.Functions.Tests.Composition;

[Collection(FunctionsCollection.Name)]
public sealed class WorkerContainerTests(FunctionsFixture fixture)
{
    [Fact]
    public void ConfigureRefundsFunctions_Container_HasNoProcessWideDurableClient()
    {
        var services = fixture.Worker.Services;

        // Only a function's [DurableClient] binding may be used; a process-wide client would talk to no task hub.
        Assert.Null(services.GetService<DurableTaskClient>());
        var accessor = services.GetRequiredService<DurableClientAccessor>();
        Assert.Throws<InvalidOperationException>(() => accessor.Client);
        using (DurableClientAccessor.Use(fixture.DurableClient))
        {
            Assert.Same(fixture.DurableClient, accessor.Client);
        }
    }

    [Fact]
    public async Task ConfigureRefundsFunctions_Container_AuthenticatesWithJwtBearer()
    {
        var schemes = fixture.Worker.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.Equal("Bearer", (await schemes.GetDefaultAuthenticateSchemeAsync())?.Name);
    }
}
