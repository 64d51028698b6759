using System.Text.Json;
using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Downscale.Tests;
using Downscale.Torch.Models.RawWavelet;

namespace Downscale.Cli.Tests;

/// <summary>The RAW verbs: <c>raw train</c>, <c>raw eval</c> and <c>run</c> on camera files and protocol RAW PNGs.</summary>
public class RawCommandTests
{
    private static string Set14 => Path.Combine(TestPaths.SharedData, "Set14");

    private static string[] TinyTraining(string output) =>
    [
        "raw", "train", "--train-set", Set14, "--val-set", Set14, "--scale", "2", "--features", "2", "--levels", "1",
        "--patch", "16", "--batch", "1", "--validate-every", "2", "--checkpoint-every", "2", "--threads", "1", "--out", output,
    ];

    [Fact]
    public void RawTrain_TinyModel_SavesLoadableBestWeightsResumesAndRefusesAMismatchedInit()
    {
        string folder = TestPaths.NewTempFolder();

        var first = CliRunner.Run(folder, [.. TinyTraining("run"), "--steps", "2"]);
        var second = CliRunner.Run(folder, [.. TinyTraining("run"), "--steps", "4"]);
        var mismatched = CliRunner.Run(folder, [.. TinyTraining("other"), "--steps", "1", "--preset", "paper", "--init", Path.Combine("run", "best.safetensors")]);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Completed at step 2", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("step 3/4", second.Output, StringComparison.Ordinal); // resumed, not restarted
        Assert.DoesNotContain("step 1/4", second.Output, StringComparison.Ordinal);
        using RawWaveletNet best = RawWaveletNet.Load(Path.Combine(folder, "run", "best.safetensors"));
        Assert.Equal(RationalScale.Parse("2"), best.Scale);
        Assert.Equal((2, 1, RawBaseInterpolation.Bilinear, LasdmMerge.Separable), (best.Options.Features, best.Options.Levels, best.Options.Base, best.Options.Merge));
        Assert.Equal(2, mismatched.ExitCode);
        Assert.Contains("--init", mismatched.Error, StringComparison.Ordinal);

        // Shipping: float16 storage keeps the architecture, and the weights within float16 rounding.
        var converted = CliRunner.Run(folder, "convert", Path.Combine("run", "best.safetensors"), "half.safetensors", "--fp16");
        Assert.Equal(0, converted.ExitCode);
        using RawWaveletNet half = RawWaveletNet.Load(Path.Combine(folder, "half.safetensors"));
        Assert.Equal(best.Options, half.Options);
        foreach (var ((name, full), (_, rounded)) in best.state_dict().Zip(half.state_dict()))
        {
            float[] a = full.data<float>().ToArray(), b = rounded.data<float>().ToArray();
            Assert.True(a.Zip(b).All(p => Math.Abs(p.First - p.Second) <= 1e-3 * Math.Abs(p.First) + 1e-7), name);
        }
    }

    [Fact]
    public void RawEval_DemosaickedBicubicAtX2_ReproducesTheIssueTable()
    {
        string folder = TestPaths.NewTempFolder();

        var result = CliRunner.Run(folder, "raw", "eval", "--set", Set14, "--scale", "2", "--methods", "bicubic-aa", "--domain", "demosaicked", "--json", "scores.json");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument scores = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "scores.json")));
        JsonElement row = Assert.Single(scores.RootElement.GetProperty("methods").EnumerateArray());
        Assert.Equal("bicubic-aa (demosaicked)", row.GetProperty("method").GetString());
        JsonElement mean = row.GetProperty("mean");
        // Issue 14's table (an independent PyTorch/PIL run): bicubic 39.27 dB RAW, 32.12 dB sRGB.
        Assert.Equal(39.27, mean.GetProperty("raw_psnr").GetDouble(), 0.01);
        Assert.Equal(32.12, mean.GetProperty("psnr_rgb").GetDouble(), 0.01);
        Assert.Equal(14, row.GetProperty("images").EnumerateObject().Count());
    }

    [Fact]
    public void Run_DngAtX13WithABaseline_WritesA16BitMosaicWithSidecarAndAnSrgbPreview_EqualToTheLibrary()
    {
        string folder = TestPaths.NewTempFolder();
        string dng = TestPaths.Fixture("raw", "dng_bggr.dng");

        var result = CliRunner.Run(folder, "run", dng, "--method", "bilinear-aa", "--scale", "1.3", "--out", "lr");

        Assert.Equal(0, result.ExitCode);
        RawFrame hr = CameraRawFile.Read(dng);
        RawFrame lr = RawProtocolFile.Read(Path.Combine(folder, "lr", "dng_bggr.png"));
        RawDownscalePlan plan = RawDownscaleGeometry.Plan(new FrameSize(hr.Height, hr.Width), null, RationalScale.Parse("1.3"));
        Assert.Equal(plan.Lr, new FrameSize(lr.Height, lr.Width));
        Assert.Equal(hr.Pattern, lr.Pattern);
        Assert.Equal(plan.Region, lr.Metadata.HrRegion);
        PlanarImage expected = RawInterpolation.Downscale(hr, plan, Core.Resampling.ResampleMethod.Bilinear, RawInterpolationDomain.Demosaicked,
            new Core.Resampling.ResampleOptions { Convention = Core.Resampling.ResampleConvention.Pil });
        double range = hr.Metadata.WhiteLevel - hr.Metadata.BlackLevel;
        Assert.True(TestImages.MaxAbsDifference(expected, lr.Mosaic) <= 0.5 / range + 1e-6, "the file holds the baseline up to 16-bit code rounding");
        ImageInfo preview = ImageFile.ReadInfo(Path.Combine(folder, "lr", "dng_bggr.preview.png"));
        Assert.Equal((lr.Width, lr.Height), (preview.Width, preview.Height));
    }

    [Fact]
    public void Run_ProtocolRawPngWithATrainedModel_WritesTheProtocolLrSize()
    {
        string folder = TestPaths.NewTempFolder();
        Assert.Equal(0, CliRunner.Run(folder, [.. TinyTraining("run"), "--steps", "1"]).ExitCode);
        string hr = Path.Combine(Set14, "RAW", "HR", "baboon.png");

        var ok = CliRunner.Run(folder, "run", hr, "--model", Path.Combine("run", "best.safetensors"), "--out", "lr");
        var wrongScale = CliRunner.Run(folder, "run", hr, "--model", Path.Combine("run", "best.safetensors"), "--scale", "1.3", "--out", "lr13");

        Assert.Equal(0, ok.ExitCode);
        RawFrame published = RawProtocolFile.Read(Path.Combine(Set14, "RAW", "LR_x2", "baboon.png"));
        RawFrame lr = RawProtocolFile.Read(Path.Combine(folder, "lr", "baboon.png"));
        Assert.Equal((published.Height, published.Width), (lr.Height, lr.Width));
        Assert.Equal(published.Metadata.HrRegion, lr.Metadata.HrRegion);
        Assert.Equal(2, wrongScale.ExitCode);
        Assert.Contains("not 1.3", wrongScale.Error, StringComparison.Ordinal);

        // The same model exported to ONNX and scored by ONNX Runtime writes the same 16-bit codes (within one code).
        Assert.Equal(0, CliRunner.Run(folder, "export", "--model", Path.Combine("run", "best.safetensors"), "--out", "raw.onnx").ExitCode);
        var onnx = CliRunner.Run(folder, "run", hr, "--onnx", "raw.onnx", "--out", "lr-onnx");
        Assert.Equal(0, onnx.ExitCode);
        RawFrame viaOrt = RawProtocolFile.Read(Path.Combine(folder, "lr-onnx", "baboon.png"));
        Assert.True(TestImages.MaxAbsDifference(lr.Mosaic, viaOrt.Mosaic) <= 1.0 / 65535 + 1e-7);
    }

    [Fact]
    public void Run_DngWithAnImageOnnxModel_IsRefusedAsABadModelFile()
    {
        var result = CliRunner.Run(TestPaths.NewTempFolder(), "run", TestPaths.Fixture("raw", "dng_bggr.dng"), "--onnx",
            Path.Combine(AppContext.BaseDirectory, "models", "adknet-x4-camsim.onnx"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("adknet-x4-camsim", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--method", "bilinear-aa")] // no scale for a baseline
    [InlineData("--method", "lanczos9", "--scale", "2")] // unknown RAW baseline
    public void Run_DngWithBadOptions_FailsWithUsageExitCode(params string[] options)
    {
        var result = CliRunner.Run(TestPaths.NewTempFolder(), ["run", TestPaths.Fixture("raw", "dng_bggr.dng"), .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TruncatedDng_FailsWithBadInputExitCode()
    {
        string folder = TestPaths.NewTempFolder();
        byte[] bytes = File.ReadAllBytes(TestPaths.Fixture("raw", "dng_bggr.dng"));
        string truncated = Path.Combine(folder, "cut.dng");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 3)]);

        var result = CliRunner.Run(folder, "run", truncated, "--method", "area", "--scale", "2", "--out", "lr");

        Assert.Equal(3, result.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(folder, "lr")) && Directory.EnumerateFiles(Path.Combine(folder, "lr")).Any());
    }
}
