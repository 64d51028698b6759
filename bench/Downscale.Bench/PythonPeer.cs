using System.Text.Json;

namespace Downscale.Bench;

/// <summary>
/// Runs a peer script from <c>bench/python/</c> under Debian's <c>/usr/bin/python3</c> (the interpreter that sees
/// python3-torch, -opencv, -pil and -skimage) and parses the one JSON object it prints on its last stdout line.
/// </summary>
internal static class PythonPeer
{
    /// <summary>The interpreter: Debian's, not the first python3 on PATH.</summary>
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>Runs <c>bench/python/{script}</c> with <paramref name="arguments"/>; returns its JSON result.</summary>
    /// <exception cref="InvalidOperationException">The script failed or printed no JSON.</exception>
    public static JsonElement Run(string script, params string[] arguments)
    {
        string path = Path.Combine(RepoPaths.Root, "bench", "python", script);
        return JsonProcess.Run(Interpreter, [path, .. arguments]);
    }
}

/// <summary>Locates the repository root from the build output folder.</summary>
internal static class RepoPaths
{
    /// <summary>The folder holding <c>Downscale.MLNet.sln</c>.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Downscale.MLNet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
