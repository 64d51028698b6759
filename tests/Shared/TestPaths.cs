namespace Downscale.Tests;

/// <summary>Where tests find the repository, the committed fixtures and the shared data sets.</summary>
internal static class TestPaths
{
    /// <summary>The repository root (the folder holding <c>Downscale.MLNet.sln</c>).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Committed fixtures (<c>tests/fixtures</c>), copied next to the test assembly.</summary>
    public static string Fixtures { get; } = Path.Combine(AppContext.BaseDirectory, "fixtures");

    /// <summary>The pairs-v1 data sets (<c>../shared/data</c> beside the repository), or <c>DOWNSCALE_DATA</c> when set.</summary>
    public static string SharedData { get; } =
        Environment.GetEnvironmentVariable("DOWNSCALE_DATA") is { Length: > 0 } custom
            ? custom
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    /// <summary>A fixture file by its path under <c>tests/fixtures</c>.</summary>
    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);

    /// <summary>A fresh, empty temporary folder for one test.</summary>
    public static string NewTempFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "downscale-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Downscale.MLNet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run from a build output inside the repository.");
    }
}
