using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Downscale.Tests;

namespace Downscale.Core.Tests.Raw;

/// <summary>The geometry every RAW network engine shares: input size, input sampling, cropping, clipping and LR metadata.</summary>
public class RawNetworkGridTests
{
    [Theory]
    [InlineData("2", 2, 90, 118, 48, 64)] // LR 44x58 mosaic = 22x29 packed, padded to 24x32 (blocks of 8), times 2
    [InlineData("13/10", 2, 90, 118, 52, 104)] // LR 70x90 = 35x45 packed, padded to 40x80 (blocks of 40), times 13/10
    [InlineData("13/10", 4, 1024, 1024, 624, 624)] // LR 788 = 394 packed, padded to 480 (blocks of 160), times 13/10
    public void InputSize_PadsThePackedLrToTheOutputBlock_TimesMOverN(string scale, int levels, int height, int width, int rows, int columns)
    {
        var grid = new RawNetworkGrid(RationalScale.Parse(scale), levels);
        RawDownscalePlan plan = RawDownscaleGeometry.Plan(new FrameSize(height, width), null, grid.Scale);

        FrameSize input = grid.InputSize(plan);

        int block = grid.OutputBlock;
        Assert.Equal(0, input.Height % grid.InputBlock);
        Assert.Equal(0, input.Width % grid.InputBlock);
        Assert.Equal((plan.PackedLr.Height + block - 1) / block * block / grid.Scale.Output * grid.Scale.Input, input.Height);
        Assert.Equal(rows, input.Height);
        Assert.Equal(columns, input.Width);
    }

    [Fact]
    public void Input_IsThePlansTapsOverThePackedFrame()
    {
        var grid = new RawNetworkGrid(RationalScale.Parse("13/10"), 1);
        var hr = new RawFrame(TestImages.Random(1, 62, 82, seed: 1), CfaPattern.Rggb, new RawMetadata());
        RawDownscalePlan plan = grid.Plan(hr);

        PlanarImage input = grid.Input(hr, plan);

        var (vertical, horizontal) = plan.InputTaps(grid.InputSize(plan));
        Assert.Equal(0, TestImages.MaxAbsDifference(AxisTaps.Apply(hr.Pack(), vertical, horizontal), input));
    }

    [Fact]
    public void Output_CropsClipsUnpacksAndFillsTheLrMetadata()
    {
        var grid = new RawNetworkGrid(RationalScale.Parse("2"), 1);
        var hr = new RawFrame(TestImages.Random(1, 18, 26, seed: 2), CfaPattern.Rggb, new RawMetadata { Kind = "hr" });
        RawDownscalePlan plan = grid.Plan(hr); // LR 8x12 mosaic, 4x6 packed; output padded to 4x6 (blocks of 2)
        FrameSize input = grid.InputSize(plan);
        var network = new PlanarImage(4, input.Height / 2, input.Width / 2);
        Span<float> values = network.Data.Span;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (i % 7) - 2.5f; // outside [0, 1] on purpose
        }

        RawFrame lr = grid.Output(hr, plan, network);

        Assert.Equal((8, 12), (lr.Height, lr.Width));
        Assert.All(lr.Mosaic.Data.ToArray(), v => Assert.InRange(v, 0f, 1f));
        PlanarImage packed = lr.Pack();
        Assert.Equal(Math.Clamp(network.Row(3, 1)[2], 0f, 1f), packed.Row(3, 1)[2]);
        Assert.Equal("lr", lr.Metadata.Kind);
        Assert.Equal(plan.Lr, lr.Metadata.LrSize);
        Assert.Equal(plan.Hr, lr.Metadata.HrSize);
        Assert.Equal(plan.Region, lr.Metadata.HrRegion);
        Assert.Equal(2.0, lr.Metadata.Scale);
        Assert.Throws<ArgumentException>(() => grid.Output(hr, plan, new PlanarImage(4, 3, 6)));
        Assert.Throws<ArgumentException>(() => new RawNetworkGrid(RationalScale.Parse("3"), 1).InputSize(plan));
    }
}
