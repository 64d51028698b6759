using Downscale.Core.Imaging;
using Downscale.Tests;

namespace Downscale.Cli.Tests;

public class ExportCommandTests
{
    private static string Weights => TestPaths.Fixture("adknet", "s2_k5.safetensors");

    private static string Bird => Path.Combine(AppContext.BaseDirectory, "samples", "Set5", "HR", "bird.png");

    [Fact]
    public void Export_ThenRunOnnx_GivesWhatTheTorchSharpModelGives()
    {
        string folder = TestPaths.NewTempFolder();

        var export = CliRunner.Run(folder, "export", "--model", Weights, "--out", "s2.onnx", "--protocol", "camsim");
        var onnx = CliRunner.Run(folder, "run", Bird, "--onnx", "s2.onnx", "--out", "onnx", "--threads", "1");
        var torch = CliRunner.Run(folder, "run", Bird, "--model", Weights, "--out", "torch");

        Assert.Equal(0, export.ExitCode);
        Assert.Contains("x2", export.Output, StringComparison.Ordinal);
        Assert.Contains("opset 17", export.Output, StringComparison.Ordinal);
        Assert.Equal(0, onnx.ExitCode);
        Assert.Equal(0, torch.ExitCode);
        PlanarImage fromOnnx = ImageFile.Read(Path.Combine(folder, "onnx", "bird.png"));
        PlanarImage fromTorch = ImageFile.Read(Path.Combine(folder, "torch", "bird.png"));
        Assert.Equal((144, 144), (fromOnnx.Width, fromOnnx.Height));
        Assert.True(TestImages.MaxAbsDifference(fromOnnx, fromTorch) <= 1.0 / 255 + 1e-6, "8-bit outputs differ by at most one level");
    }

    [Fact]
    public void Export_RawWaveletWeights_AreRecognisedByTheirFormatAndWriteARawModel()
    {
        string folder = TestPaths.NewTempFolder();

        var export = CliRunner.Run(folder, "export", "--model", TestPaths.Fixture("raw_wavelet", "improved_x13.safetensors"), "--out", "raw.onnx");
        var int8 = CliRunner.Run(folder, "export", "--model", TestPaths.Fixture("raw_wavelet", "improved_x13.safetensors"), "--out", "raw8.onnx", "--int8", folder);

        Assert.Equal(0, export.ExitCode);
        Assert.Contains("RAW wavelet", export.Output, StringComparison.Ordinal);
        Assert.Contains("x13/10", export.Output, StringComparison.Ordinal);
        using var model = Downscale.Onnx.Runtime.RawOnnxDownscaler.Load(Path.Combine(folder, "raw.onnx"));
        Assert.Equal(Downscale.Core.Raw.RationalScale.Parse("13/10"), model.Scale);
        Assert.NotEqual(0, int8.ExitCode);
        Assert.Contains("float32 only", int8.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "raw8.onnx")));
    }

    [Fact]
    public void Export_Int8_WritesAQuantizedModelThatRuns()
    {
        string folder = TestPaths.NewTempFolder();
        string calibration = Path.Combine(AppContext.BaseDirectory, "samples", "Set5", "HR");

        var export = CliRunner.Run(folder, "export", "--model", Weights, "--out", "s2-int8.onnx", "--int8", calibration);
        var run = CliRunner.Run(folder, "run", Bird, "--onnx", "s2-int8.onnx", "--out", "lr");

        Assert.Equal(0, export.ExitCode);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(144, ImageFile.ReadInfo(Path.Combine(folder, "lr", "bird.png")).Width);
        Assert.Equal(3, CliRunner.Run(folder, "export", "--model", Weights, "--out", "y.onnx", "--int8", "no-such-folder").ExitCode);
    }

    [Fact]
    public void Export_DefaultOutput_IsTheWeightsNameWithOnnx()
    {
        string folder = TestPaths.NewTempFolder();
        File.Copy(Weights, Path.Combine(folder, "model.safetensors"));

        var result = CliRunner.Run(folder, "export", "--model", "model.safetensors");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(folder, "model.onnx")));
    }

    [Fact]
    public void Export_OfABrokenWeightsFile_ExitsWithBadInputAndWritesNothing()
    {
        string folder = TestPaths.NewTempFolder();
        File.WriteAllBytes(Path.Combine(folder, "broken.safetensors"), [1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var broken = CliRunner.Run(folder, "export", "--model", "broken.safetensors", "--out", "x.onnx");
        var missing = CliRunner.Run(folder, "export", "--model", "absent.safetensors", "--out", "x.onnx");

        Assert.Equal(3, broken.ExitCode);
        Assert.StartsWith("error: ", broken.Error, StringComparison.Ordinal);
        Assert.Equal(3, missing.ExitCode);
        Assert.False(File.Exists(Path.Combine(folder, "x.onnx")));
    }
}
