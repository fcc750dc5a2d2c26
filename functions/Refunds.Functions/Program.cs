using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Refunds.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureRefundsFunctions();
builder.Build().Run();
