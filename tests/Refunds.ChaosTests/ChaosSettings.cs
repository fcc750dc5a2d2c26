using System.Globalization;

namespace Refunds.ChaosTests;

/// <summary>
/// Size and seed of a chaos run. CI runs the small default; <c>CHAOS_REFUNDS=200 CHAOS_KILLS=10</c> runs a larger one,
/// and <c>CHAOS_SEED</c> replays a run (the seed is printed first and named in every failure).
/// </summary>
internal sealed record ChaosSettings(int Refunds, int Kills, int Seed)
{
    public const int DefaultRefunds = 20;
    public const int DefaultKills = 3;

    public static ChaosSettings FromEnvironment() => new(
        Read("CHAOS_REFUNDS", DefaultRefunds, min: 2, max: 5_000),
        Read("CHAOS_KILLS", DefaultKills, min: 0, max: 100),
        Read("CHAOS_SEED", Random.Shared.Next(1, int.MaxValue), min: int.MinValue, max: int.MaxValue));

    public string Replay => $"CHAOS_SEED={Seed} CHAOS_REFUNDS={Refunds} CHAOS_KILLS={Kills}";

    private static int Read(string name, int fallback, int min, int max)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{name}={text} is not a whole number between {min} and {max}.");
    }
}
