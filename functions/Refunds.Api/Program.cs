using Refunds.Api;
using Refunds.Api.Auth;

if (args is ["mint-token", ..])
{
    return DevTokenCommand.Run(args[1..]);
}

var app = RefundsApp.Build(args);
await app.RunAsync();
return 0;
