using System.Diagnostics;
using System.Text;

namespace Downscale.MLNet.Notebooks.Tests;

/// <summary>The result of running a file-based app: exit code, stdout and stderr.</summary>
internal sealed record AppResult(int ExitCode, string Output, string Errors);

/// <summary>
/// Writes C# source as a .NET 10 file-based app under <c>notebooks/.run/</c> (inside the repository, so the repository's
/// Directory.Build.targets applies, which patches TorchSharp's native shim for apps that use it) and runs it with
/// <c>dotnet run</c> in a working folder.
/// </summary>
internal static class FileBasedApp
{
    /// <summary>The xunit collection of every test that runs an app: one at a time, since they build the same projects.</summary>
    public const string Collection = "file-based apps";

    /// <summary>Writes and runs <paramref name="source"/> as <c>notebooks/.run/&lt;name&gt;/&lt;name&gt;.cs</c>.</summary>
    public static AppResult Run(string repoRoot, string name, string source, string workingDirectory, TimeSpan timeout)
    {
        string folder = Path.Combine(repoRoot, "notebooks", ".run", name);
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, name + ".cs");
        File.WriteAllText(file, source, new UTF8Encoding(false));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (string argument in new[] { "run", "--file", file, "-c", "Release" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new AppResult(-1, output.Result, $"Timed out after {timeout}.\n{errors.Result}");
        }

        return new AppResult(process.ExitCode, output.Result, errors.Result);
    }
}
