namespace Refunds.Api.Auth;

/// <summary>
/// <c>./mint-token.sh --org org_demo --roles Admin</c> (or <c>dotnet Refunds.Api.dll mint-token ...</c>): prints a
/// token signed with the development key from appsettings.Development.json, and only the token, on stdout; errors go to stderr.
/// </summary>
public static class DevTokenCommand
{
    public static int Run(string[] args)
    {
        var options = Parse(args);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile("appsettings.Development.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var privateKey = configuration["DevTokens:PrivateKeyPem"];
        if (string.IsNullOrWhiteSpace(privateKey))
        {
            Console.Error.WriteLine("DevTokens:PrivateKeyPem is not configured; dev tokens exist only for local development.");
            return 2;
        }

        var roles = options.GetValueOrDefault("roles", "Admin").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var token = DevTokens.Mint(
            privateKey,
            configuration["Auth:Issuer"] ?? "",
            configuration["Auth:Audience"] ?? "",
            options.GetValueOrDefault("sub", "dev-user"),
            options.GetValueOrDefault("org"),
            roles,
            TimeProvider.System.GetUtcNow(),
            TimeSpan.FromMinutes(int.Parse(options.GetValueOrDefault("minutes", "60"), System.Globalization.CultureInfo.InvariantCulture)));
        Console.WriteLine(token);
        return 0;
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        return options;
    }
}
