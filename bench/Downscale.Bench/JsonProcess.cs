using System.Diagnostics;
using System.Text.Json;

namespace Downscale.Bench;

/// <summary>Runs a child process that prints one JSON object on its last stdout line, and parses that object.</summary>
internal static class JsonProcess
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>; returns the JSON on its last stdout line.</summary>
    /// <exception cref="InvalidOperationException">The process failed or printed no JSON.</exception>
    public static JsonElement Run(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string what = string.Join(' ', info.ArgumentList.Take(2));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} exited with {process.ExitCode}: {stderr.Result}");
        }

        string last = stdout.TrimEnd().Split('\n')[^1];
        return JsonDocument.Parse(last).RootElement.Clone();
    }
}
