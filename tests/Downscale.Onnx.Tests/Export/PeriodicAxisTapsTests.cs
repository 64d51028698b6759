using Downscale.Core.Raw;
using Downscale.Core.Resampling;
using Downscale.Onnx.Export;
using Downscale.Onnx.Export.RawWavelet;

namespace Downscale.Onnx.Tests.Export;

/// <summary>The polyphase-plus-borders form of the identity path's resize tables, which the RAW graph computes for a symbolic size.</summary>
public class PeriodicAxisTapsTests
{
    [Theory]
    [InlineData(ResampleMethod.Bilinear, ResampleConvention.Pil, 13, 10, true)]
    [InlineData(ResampleMethod.Bicubic, ResampleConvention.Pil, 2, 1, true)]
    [InlineData(ResampleMethod.Area, ResampleConvention.OpenCv, 13, 10, false)]
    [InlineData(ResampleMethod.Area, ResampleConvention.OpenCv, 4, 1, false)]
    public void ResizeTables_Decompose_WithFixedBordersOnlyWhereTheConventionRenormalises(ResampleMethod method, ResampleConvention convention, int m, int n, bool borders)
    {
        int block = 2 * 4 * m; // the mosaic side of a K = 2 model's smallest input

        PeriodicAxisTaps taps = PeriodicAxisTaps.Decompose(length => AxisTaps.Resize(method, convention, length, length / m * n), m, n, block, "resize");

        Assert.Equal((m, n), (taps.InputPeriod, taps.OutputPeriod));
        Assert.Equal(borders, taps.HeadCount + taps.TailCount > 0);
    }

    [Fact]
    public void TableThatIsNotAFixedPolyphaseFilter_IsRefusedByName()
    {
        // The step depends on the length: no fixed filter reproduces every length.
        AxisTaps Drifting(int length) => AxisTaps.CubicAt(length, 0, 1.3 * (1 + (1.0 / length)), length / 13 * 10);

        var error = Assert.Throws<OnnxExportException>(() => PeriodicAxisTaps.Decompose(Drifting, 13, 10, 104, "drifting resize"));

        Assert.Contains("drifting resize", error.Message, StringComparison.Ordinal);
        Assert.Contains("polyphase", error.Message, StringComparison.Ordinal);
    }
}
