using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Downscale.Onnx.Runtime;
using Downscale.Tests;
using Downscale.Torch.Export;
using Downscale.Torch.Models.RawWavelet;
using Downscale.Torch.Tests.Models.RawWavelet;
using Xunit.Abstractions;

namespace Downscale.Torch.Tests.Export;

/// <summary>
/// <see cref="RawOnnxDownscaler.Downscale"/> (ONNX Runtime, no TorchSharp) gives what <see cref="RawWaveletNet.Downscale(RawFrame, FrameSize?)"/>
/// gives on crops of a Set14 RAW HR frame whose sizes are not multiples of the model's blocks, at the protocol's LR size
/// and at an explicit one, for the paper's and the improved configuration at x2 and x1.3.
/// </summary>
public class RawOnnxDownscalerParityTests(ITestOutputHelper output)
{
    public static TheoryData<string, bool, int, int, int, int> Cases() => new()
    {
        { "2", false, 90, 118, 0, 0 },
        { "2", true, 94, 66, 0, 0 },
        { "13/10", false, 90, 118, 0, 0 },
        { "13/10", true, 122, 86, 94, 64 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnnxRuntimeDownscale_EqualsTorchSharpDownscale_WithinOneE4(string scale, bool improved, int height, int width, int lrHeight, int lrWidth)
    {
        RationalScale factor = RationalScale.Parse(scale);
        RawWaveletOptions options = (improved ? RawWaveletOptions.Improved(factor) : RawWaveletOptions.PaperFaithful(factor)) with
        {
            Features = 4, Levels = 2, LasdmBlocks = 1, HfpmBlocks = 1,
        };
        using RawWaveletNet model = RawTestData.Model(options, seed: 9, amplitude: 0.1f);
        using RawOnnxDownscaler onnx = RawOnnxDownscaler.FromBytes(RawWaveletOnnxExporter.Serialize(model), "raw.onnx");
        RawFrame hr = Set14Crop(height, width);
        FrameSize? lr = lrHeight == 0 ? null : new FrameSize(lrHeight, lrWidth);

        RawFrame expected = model.Downscale(hr, lr);
        RawFrame actual = onnx.Downscale(hr, lr);

        Assert.Equal((expected.Height, expected.Width), (actual.Height, actual.Width));
        Assert.Equal(expected.Metadata, actual.Metadata);
        Assert.Equal(expected.Pattern, actual.Pattern);
        double error = TestImages.MaxAbsDifference(expected.Mosaic, actual.Mosaic);
        output.WriteLine($"x{scale} {(improved ? "improved" : "paper")} {height}x{width} -> {actual.Height}x{actual.Width}: max |ORT - TorchSharp| = {error:E2}");
        Assert.True(error < 1e-4, $"x{scale} {(improved ? "improved" : "paper")} {height}x{width}: max |ORT - TorchSharp| = {error}");
        Assert.True(expected.Mosaic.Data.ToArray().Distinct().Count() > 100, "the output is not clipped flat");
    }

    /// <summary>A crop at an even offset (the CFA phase stays RGGB) of the first Set14 RAW HR frame.</summary>
    private static RawFrame Set14Crop(int height, int width)
    {
        string folder = Path.Combine(TestPaths.SharedData, "Set14", "RAW", "HR");
        RawFrame frame = RawProtocolFile.Read(Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).First());
        var mosaic = new PlanarImage(1, height, width);
        for (int y = 0; y < height; y++)
        {
            frame.Mosaic.Row(0, 40 + y).Slice(60, width).CopyTo(mosaic.Row(0, y));
        }

        return new RawFrame(mosaic, frame.Pattern, frame.Metadata);
    }
}
