using System.Globalization;

/// <summary>
/// The local run's command line. The ports are fixed by default, so the README's commands and the stand-ins' control
/// APIs are always at the same addresses; another port is for when one is taken (the README test uses free ones).
/// </summary>
internal sealed record LocalRunArguments(bool StandInsOnly, int AppPort, int StripePort, int IntacctPort)
{
    public const int DefaultAppPort = 7071;
    public const int DefaultStripePort = 12111;
    public const int DefaultIntacctPort = 12112;

    public const string Usage =
        "Usage: ./run-local.sh [--stand-ins-only] [--app-port 7071] [--stripe-port 12111] [--intacct-port 12112]";

    public string AppUrl => $"http://127.0.0.1:{AppPort}";

    public static LocalRunArguments? Parse(IReadOnlyList<string> args)
    {
        var parsed = new LocalRunArguments(false, DefaultAppPort, DefaultStripePort, DefaultIntacctPort);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--stand-ins-only")
            {
                parsed = parsed with { StandInsOnly = true };
                continue;
            }

            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                return null;
            }

            switch (args[i])
            {
                case "--app-port":
                    parsed = parsed with { AppPort = port };
                    break;
                case "--stripe-port":
                    parsed = parsed with { StripePort = port };
                    break;
                case "--intacct-port":
                    parsed = parsed with { IntacctPort = port };
                    break;
                default:
                    return null;
            }

            i++;
        }

        return parsed;
    }
}
