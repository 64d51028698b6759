using Downscale.Tests;
using Downscale.Torch.Safetensors;

namespace Downscale.Cli.Tests;

public class FitDemoCommandTests
{
    [Fact]
    public void FitDemo_LossFallsAndWeightsLoadBack()
    {
        string folder = TestPaths.NewTempFolder();
        var result = CliRunner.Run(folder, "fit-demo", "--steps", "12", "--out", "w.safetensors");

        Assert.Equal(0, result.ExitCode);
        var losses = result.Output.Split('\n')
            .Where(l => l.TrimStart().StartsWith("step", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split("L1 ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(12, losses.Count);
        Assert.True(losses[^1] < losses[0] * 0.9, $"loss {losses[0]} -> {losses[^1]}");

        var weights = SafetensorsFile.Load(Path.Combine(folder, "w.safetensors"));
        Assert.Equal(["body.bias", "body.weight", "head.bias", "head.weight"], weights.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("TinyConvDownscaler", SafetensorsFile.ReadMetadata(Path.Combine(folder, "w.safetensors"))["architecture"]);
    }
}
