using System.Text.Json;

namespace Downscale.Tests;

/// <summary>
/// Reads the resolved package graph of one of our projects (NuGet's <c>obj/project.assets.json</c>, written by
/// restore), so tests can prove which engines a project pulls in (for example: no TorchSharp on the scoring path).
/// </summary>
internal static class PackageGraph
{
    /// <summary>Package ids of every library (direct and transitive) in <c>src/{project}</c>'s resolved graph, lower case.</summary>
    public static IReadOnlySet<string> PackagesOf(string project)
    {
        string assets = Path.Combine(TestPaths.RepoRoot, "src", project, "obj", "project.assets.json");
        if (!File.Exists(assets))
        {
            throw new FileNotFoundException($"'{assets}' is missing: restore the solution before running the tests.", assets);
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(assets));
        var packages = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty library in document.RootElement.GetProperty("libraries").EnumerateObject())
        {
            if (library.Value.GetProperty("type").GetString() == "package")
            {
                packages.Add(library.Name.Split('/')[0].ToLowerInvariant());
            }
        }

        return packages;
    }

    /// <summary>Packages of the training stack that a scoring-only application must never get.</summary>
    public static IEnumerable<string> TrainingStack(IReadOnlySet<string> packages) =>
        packages.Where(p => p.StartsWith("torchsharp", StringComparison.Ordinal) || p.StartsWith("libtorch", StringComparison.Ordinal));
}
