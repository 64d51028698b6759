using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Xunit.Abstractions;

namespace Downscale.Core.Tests.Raw;

public class RawUnprocessingTests(ITestOutputHelper output)
{
    [Fact]
    public void ToRawFrame_Set14HrSrgb_ReproducesTheHrRawFilesWithinOneCode()
    {
        int images = 0;
        foreach (string stem in RawFixtures.Set14Stems())
        {
            RawFrame expected = RawProtocolFile.Read(RawFixtures.Shared("RAW", "HR", stem + ".png"));
            PlanarImage srgb = ImageFile.Read(RawFixtures.Shared("HR", stem + ".png"));

            RawFrame actual = RawUnprocessing.ToRawFrame(srgb, expected.Metadata);

            ushort[] ours = RawProtocolFile.Quantize(actual.Mosaic.Data.Span, expected.Metadata);
            ushort[] theirs = RawProtocolFile.Quantize(expected.Mosaic.Data.Span, expected.Metadata);
            int maxDiff = 0, differing = 0;
            for (int i = 0; i < ours.Length; i++)
            {
                int d = Math.Abs(ours[i] - theirs[i]);
                maxDiff = Math.Max(maxDiff, d);
                differing += d == 0 ? 0 : 1;
            }

            output.WriteLine($"{stem,-12} max |diff| {maxDiff} code(s), {differing}/{ours.Length} codes differ");
            Assert.True(maxDiff <= 1, $"{stem}: max difference {maxDiff} codes");
            images++;
        }

        Assert.Equal(14, images);
    }

    [Fact]
    public void ToCameraScene_InvertsTheIspOnAnUnclippedColour()
    {
        // A mid-grey patch survives unprocess -> mosaic -> ISP unchanged (flat, so demosaicking is exact).
        var srgb = new PlanarImage(3, 4, 4);
        srgb.Plane(0).Fill(120 / 255f);
        srgb.Plane(1).Fill(100 / 255f);
        srgb.Plane(2).Fill(90 / 255f);
        var metadata = new RawMetadata
        {
            WhiteBalance = new WhiteBalanceGains(2.0, 1, 1.7),
            RgbToCam = ColorMatrix3x3.FromRows([[0.8, 0.3, -0.1], [0.1, 0.9, 0.0], [0.0, 0.25, 0.75]]),
        };
        metadata = metadata with { CamToRgb = metadata.RgbToCam!.Inverse() };

        PlanarImage developed = ForwardIsp.Develop(RawUnprocessing.ToRawFrame(srgb, metadata));

        Assert.Equal(srgb.Data.ToArray(), developed.Data.ToArray());
    }

    [Fact]
    public void ToRawFrame_WithoutRgbToCam_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => RawUnprocessing.ToRawFrame(new PlanarImage(3, 2, 2), new RawMetadata()));
        Assert.Contains("rgb2cam", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCameraScene_NotRgb_Throws()
    {
        Assert.Throws<ArgumentException>(
            () => RawUnprocessing.ToCameraScene(new PlanarImage(1, 2, 2), WhiteBalanceGains.Neutral, ColorMatrix3x3.Identity));
    }
}
