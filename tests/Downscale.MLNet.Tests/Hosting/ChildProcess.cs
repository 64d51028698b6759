using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Downscale.MLNet.Tests.Hosting;

/// <summary>Runs the test host (a separate application that references Downscale.MLNet only) on a saved model.</summary>
internal static class ChildProcess
{
    /// <summary>The scoring-only host's path (Downscale.MLNet alone), recorded at build time.</summary>
    public static string HostPath { get; } = Metadata("TestHost")!;

    /// <summary>The host with Downscale.MLNet.Torch, when this test assembly knows it.</summary>
    public static string? TorchHostPath { get; } = Metadata("TorchTestHost");

    private static string? Metadata(string key) =>
        typeof(ChildProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value;

    /// <summary>Runs the host on <paramref name="model"/> with <paramref name="rows"/> as input; returns its exit code, stderr and dump folder.</summary>
    public static (int ExitCode, string Errors, string Folder) Load(string model, IEnumerable<PathPair> rows, bool predictionEngine = false, string? hostPath = null, params string[] options)
    {
        string folder = Path.Combine(Path.GetDirectoryName(model)!, "child-" + Guid.NewGuid().ToString("N")[..8]);
        string inputs = folder + ".json";
        File.WriteAllText(inputs, JsonSerializer.Serialize(rows.ToArray()));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { hostPath ?? HostPath, model, inputs, folder }.Concat(predictionEngine ? ["--prediction-engine"] : []).Concat(options))
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The test host did not finish: {output.Result}{errors}");
        }

        return (process.ExitCode, errors + output.Result, folder);
    }
}
