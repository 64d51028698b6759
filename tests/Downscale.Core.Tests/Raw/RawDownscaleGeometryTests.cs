using System.Text.Json;
using Downscale.Core.Raw;
using Downscale.Tests;

namespace Downscale.Core.Tests.Raw;

public class RawDownscaleGeometryTests
{
    [Theory]
    [InlineData("1.3", 13, 10)]
    [InlineData("13/10", 13, 10)]
    [InlineData("26/20", 13, 10)]
    [InlineData("2", 2, 1)]
    [InlineData("2.5", 5, 2)]
    [InlineData("4/1", 4, 1)]
    public void RationalScale_Parse_GivesTheReducedFraction(string text, int m, int n)
    {
        RationalScale scale = RationalScale.Parse(text);

        Assert.Equal((m, n), (scale.Input, scale.Output));
        Assert.Equal(scale, RationalScale.Parse(scale.ToString()));
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("1")]
    [InlineData("3/4")]
    [InlineData("65/64")]
    public void RationalScale_ThatIsNotADownscale_IsRefused(string text) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RationalScale.Parse(text));

    [Fact]
    public void RationalScale_Garbage_IsAFormatError() =>
        Assert.Throws<FormatException>(() => RationalScale.Parse("x1.3"));

    /// <summary>Every published RAW pair: the rounding rule gives its lr_size and hr_region (x1.3: one row more than floor(10H/13) for some).</summary>
    [Theory]
    [InlineData("Set14")]
    [InlineData("SunHays80")]
    public void LrSizeAndRegion_MatchEveryPublishedSidecar(string set)
    {
        int checkedPairs = 0;
        foreach (string scale in new[] { "1.3", "2", "3", "4" })
        {
            foreach (string sidecar in Directory.GetFiles(Path.Combine(TestPaths.SharedData, set, "RAW", $"LR_x{scale}"), "*.png.json"))
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(sidecar));
                FrameSize hr = Size(doc.RootElement.GetProperty("hr_size"));
                FrameSize lr = RawDownscaleGeometry.LrSize(hr, RationalScale.Parse(scale));

                Assert.Equal(Size(doc.RootElement.GetProperty("lr_size")), lr);
                Assert.Equal(Size(doc.RootElement.GetProperty("hr_region")), RawDownscaleGeometry.HrRegion(hr, lr, RationalScale.Parse(scale)));
                checkedPairs++;
            }
        }

        Assert.True(checkedPairs >= 4 * 14, $"only {checkedPairs} sidecars");
    }

    [Fact]
    public void Plan_LrThatTheScaleCannotProduce_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => RawDownscaleGeometry.Plan(new FrameSize(520, 520), new FrameSize(300, 400), RationalScale.Parse("1.3")));
        Assert.Contains("ratio of 1.7333", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InputAxis_AtAnExactRatio_CopiesSamples()
    {
        // x2: packed LR pixel a comes from packed HR 2a, 2a + 1; the model input is the HR itself from 2·lrStart.
        AxisTaps taps = RawDownscaleGeometry.InputAxis(40, 40, 20, RationalScale.Parse("2"), lrStart: 3, inputLength: 16);

        Assert.True(taps.IsSelection);
        for (int j = 0; j < 16; j++)
        {
            int tap = Enumerable.Range(0, taps.TapCount).Single(k => taps.Weights[(j * taps.TapCount) + k] != 0);
            Assert.Equal(6 + j, taps.IndexOf(j, tap));
        }
    }

    [Fact]
    public void InputAxis_AtAPublishedX13Ratio_InterpolatesAtTheGridPositions()
    {
        // 480 rows -> 370 (baboon): R = 240/185 packed; input sample j sits at 10·R + (j + 0.5)·R·10/13 - 0.5.
        AxisTaps taps = RawDownscaleGeometry.InputAxis(240, 240, 185, RationalScale.Parse("1.3"), lrStart: 10, inputLength: 26);
        double r = 240.0 / 185;

        for (int j = 0; j < 26; j++)
        {
            double position = 0;
            for (int k = 0; k < taps.TapCount; k++)
            {
                position += taps.Weights[(j * taps.TapCount) + k] * taps.IndexOf(j, k); // cubic reproduces a ramp exactly
            }

            Assert.Equal((10 * r) + ((j + 0.5) * r * 10 / 13) - 0.5, position, 4);
        }

        Assert.False(taps.IsSelection);
    }

    private static FrameSize Size(JsonElement pair) => new(pair[0].GetInt32(), pair[1].GetInt32());
}
