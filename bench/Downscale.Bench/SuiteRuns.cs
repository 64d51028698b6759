using System.Text.Json;

namespace Downscale.Bench;

/// <summary>
/// What the process-per-measurement suites share: re-launching this executable as a hidden child (each measurement
/// gets its own peak RSS), alternating the sides of a comparison over rounds, and the median of a reported value.
/// </summary>
internal static class SuiteRuns
{
    /// <summary>Runs every side <paramref name="rounds"/> times, the order reversed every other round; results per side.</summary>
    public static List<JsonElement>[] Alternate((string Label, Func<JsonElement> Measure)[] sides, int rounds)
    {
        var results = sides.Select(_ => new List<JsonElement>()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < sides.Length; k++)
            {
                int i = round % 2 == 0 ? k : sides.Length - 1 - k;
                results[i].Add(sides[i].Measure());
            }
        }

        return results;
    }

    /// <summary>Re-invokes this executable with a hidden child verb; returns the JSON object it prints last.</summary>
    public static JsonElement Child(string verb, params string[] arguments)
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("The bench's own executable path is unknown.");
        List<string> argv = Path.GetFileNameWithoutExtension(host) == "dotnet" ? [typeof(SuiteRuns).Assembly.Location] : [];
        return JsonProcess.Run(host, [.. argv, verb, .. arguments]);
    }

    /// <summary>The median of <paramref name="key"/> over the results.</summary>
    public static double Median(List<JsonElement> results, string key)
    {
        double[] values = [.. results.Select(r => r.GetProperty(key).GetDouble()).Order()];
        int n = values.Length;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }
}
