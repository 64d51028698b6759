using System.Globalization;
using Downscale.Core.Imaging;
using Downscale.Tests;

namespace Downscale.Cli.Tests;

public class EvalCommandTests
{
    [Fact]
    public void Compare_OnBundledSamples_PrintsEveryMethodWithPlausibleScores()
    {
        var result = CliRunner.Run(TestPaths.NewTempFolder(), "compare");

        Assert.Equal(0, result.ExitCode);
        foreach (string method in new[] { "nearest", "bilinear-pil", "bicubic-matlab", "area", "lanczos3", "dpid" })
        {
            Assert.Contains(method, result.Output, StringComparison.Ordinal);
        }

        // On camsim x4, every smooth filter is far better than nearest (measured: about 24 dB vs 27-31 dB).
        double nearest = PsnrRgbOf(result.Output, "nearest");
        double bilinear = PsnrRgbOf(result.Output, "bilinear-pil");
        Assert.InRange(nearest, 15, 30);
        Assert.True(bilinear > nearest + 3, $"bilinear {bilinear} vs nearest {nearest}");
    }

    [Fact]
    public void Compare_BicubicMatlabOnBicubicProtocol_ReproducesTheGroundTruth()
    {
        string output = TestPaths.NewTempFolder();
        var result = CliRunner.Run(output, "compare", "--protocol", "bicubic", "--scale", "2", "--methods", "bicubic-matlab", "--out", "lr");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("inf", result.Output, StringComparison.Ordinal);
        // The written LR image is the protocol's LR to within 1 LSB (the pairs-v1 bicubic protocol is MATLAB imresize).
        PlanarImage written = ImageFile.Read(Path.Combine(output, "lr", "bicubic-matlab", "bird.png"));
        PlanarImage truth = ImageFile.Read(Path.Combine(AppContext.BaseDirectory, "samples", "Set5", "LR_bicubic_x2", "bird.png"));
        double maxDiff = TestImages.MaxAbsDifference(written, truth);
        Assert.True(maxDiff <= 1.01f / 255f, $"max difference {maxDiff * 255} LSB");
    }

    [Fact]
    public void Compare_ShippedX4Model_BeatsBicubicClearly_AndWritesGridAndJson()
    {
        string folder = TestPaths.NewTempFolder();
        var result = CliRunner.Run(folder, "compare", "--shipped", "--methods", "bicubic-matlab", "--grid", "grid.png", "--json", "scores.json", "--zoom", "1");

        Assert.Equal(0, result.ExitCode);
        double adkNet = PsnrRgbOf(result.Output, "adknet-x4-camsim");
        double bicubic = PsnrRgbOf(result.Output, "bicubic-matlab");
        Assert.True(adkNet > bicubic + 5, $"shipped ADK-Net {adkNet} dB vs bicubic {bicubic} dB on camsim x4");

        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "scores.json")));
        var methods = json.RootElement.GetProperty("methods");
        Assert.Equal(2, methods.GetArrayLength());
        Assert.Equal(adkNet, methods[1].GetProperty("mean").GetProperty("psnr_rgb").GetDouble(), 0.006);
        Assert.Equal(5, methods[1].GetProperty("images").EnumerateObject().Count());

        // Five rows (one per image), three columns (ground truth, bicubic, ADK-Net), 4-pixel gaps.
        PlanarImage grid = ImageFile.Read(Path.Combine(folder, "grid.png"));
        PlanarImage baby = ImageFile.Read(Path.Combine(AppContext.BaseDirectory, "samples", "Set5", "LR_camsim_x4", "baby.png"));
        Assert.Equal(4 + (3 * (baby.Width + 4)), grid.Width);
    }

    [Fact]
    public void Eval_ModelAndClassicMethod_ScoresBothInOneTable()
    {
        string folder = TestPaths.NewTempFolder();
        var train = CliRunner.Run(folder, "train", "--train-set", Path.Combine(AppContext.BaseDirectory, "samples", "Set5"), "--scale", "2",
            "--features", "4", "--batch", "1", "--patch", "48", "--steps", "1", "--validate-every", "1", "--threads", "1", "--out", "run");
        Assert.Equal(0, train.ExitCode);

        var result = CliRunner.Run(folder, "eval", "--scale", "2", "--methods", "area", "--models", Path.Combine("run", "best.safetensors"));

        Assert.Equal(0, result.ExitCode);
        double model = PsnrRgbOf(result.Output, "run"); // a run's best.safetensors is named by its run folder
        double area = PsnrRgbOf(result.Output, "area");
        // An untrained-ish ADK-Net starts near a smooth average filter: same ballpark as area, far above nothing.
        Assert.InRange(model, 20, 50);
        Assert.InRange(area, 20, 50);
    }

    [Fact]
    public void Eval_ModelOfAnotherScale_IsRefused()
    {
        string folder = TestPaths.NewTempFolder();
        var train = CliRunner.Run(folder, "train", "--train-set", Path.Combine(AppContext.BaseDirectory, "samples", "Set5"), "--scale", "2",
            "--features", "4", "--batch", "1", "--patch", "48", "--steps", "1", "--validate-every", "1", "--threads", "1", "--out", "run");
        Assert.Equal(0, train.ExitCode);

        var result = CliRunner.Run(folder, "eval", "--scale", "4", "--models", Path.Combine("run", "best.safetensors"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("downscales by 2", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, "compare", "--set", "/nonexistent/set")]
    [InlineData(1, "compare", "--scale", "5")]
    [InlineData(2, "compare", "--methods", "bogus")]
    public void Compare_BadArguments_FailWithDocumentedExitCodeAndMessage(int exitCode, params string[] args)
    {
        var result = CliRunner.Run(TestPaths.NewTempFolder(), args);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Error), "an error message on stderr");
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal); // no stack trace for user errors
    }

    private static double PsnrRgbOf(string table, string method)
    {
        string row = table.Split('\n').First(line => line.Contains($" {method} ", StringComparison.Ordinal));
        string[] cells = row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return double.Parse(cells[1], CultureInfo.InvariantCulture);
    }
}
