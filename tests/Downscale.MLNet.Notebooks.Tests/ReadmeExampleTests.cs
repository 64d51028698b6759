using System.Text.RegularExpressions;
using Downscale.Tests;

namespace Downscale.MLNet.Notebooks.Tests;

/// <summary>The README's "Use it in a pipeline" example compiles and runs as written (data path aside).</summary>
[Collection(FileBasedApp.Collection)]
public sealed partial class ReadmeExampleTests
{
    [Fact]
    public void UseItInAPipeline_Example_RunsAndTheReloadedPipelineScoresTheSame()
    {
        string readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        int section = readme.IndexOf("\n## Use it in a pipeline\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no \"Use it in a pipeline\" section.");
        string example = CodeBlock().Match(readme, section).Groups["code"].Value;
        Assert.Contains("mlContext.Transforms.DownscaleImages(", example, StringComparison.Ordinal);

        // The example reads the shared data from where it sits beside the repository; the app runs in a temporary folder.
        string source = string.Join('\n',
            $"#:project {Path.Combine(TestPaths.RepoRoot, "src", "Downscale.MLNet", "Downscale.MLNet.csproj")}",
            "#:property PublishAot=false",
            "#:property TreatWarningsAsErrors=false",
            "#:property EnableNETAnalyzers=false",
            example.Replace("\"../shared/data/", $"\"{TestPaths.SharedData}/", StringComparison.Ordinal));
        AppResult result = FileBasedApp.Run(TestPaths.RepoRoot, "readme-example", source, TestPaths.NewTempFolder(), TimeSpan.FromMinutes(8));

        Assert.True(result.ExitCode == 0, $"{result.Errors}\n{result.Output}");
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string trained = lines.Single(l => l.StartsWith("trained:", StringComparison.Ordinal))["trained:".Length..].Trim();
        string reloaded = lines.Single(l => l.StartsWith("reloaded:", StringComparison.Ordinal))["reloaded:".Length..].Trim();
        Assert.Matches(@"^PSNR \d+\.\d\d dB \(Y \d+\.\d\d\), SSIM 0\.\d{4} \(Y 0\.\d{4}\) over 5 images$", trained);
        Assert.Equal(trained, reloaded);
    }

    [GeneratedRegex("```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
