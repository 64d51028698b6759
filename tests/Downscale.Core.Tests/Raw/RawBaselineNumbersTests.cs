using Downscale.Core.Data;
using Downscale.Core.Raw;
using Downscale.Core.Resampling;
using Downscale.Tests;
using Xunit.Abstractions;

namespace Downscale.Core.Tests.Raw;

/// <summary>The RAW-domain baselines on the shared Set14 RAW pairs against the numbers of issue 14's table (an independent Python run).</summary>
public class RawBaselineNumbersTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("2", ResampleMethod.Bicubic, ResampleConvention.Pil, 39.27, 32.12)]
    [InlineData("1.3", ResampleMethod.Area, ResampleConvention.OpenCv, 38.81, 31.54)]
    public void Set14_DemosaickedBaseline_MatchesTheIssueTable(string scaleText, ResampleMethod method, ResampleConvention convention, double rawPsnr, double srgbPsnr)
    {
        RationalScale scale = RationalScale.Parse(scaleText);
        var options = new ResampleOptions { Convention = convention };
        var pairs = PairsV1DataSet.EnumerateRaw(Path.Combine(TestPaths.SharedData, "Set14"), scale.Factor);

        RawScores mean = RawEvaluation.Mean(RawEvaluation.Evaluate(
            pairs, scale, (hr, plan) => RawInterpolation.Downscale(hr, plan, method, RawInterpolationDomain.Demosaicked, options)));

        output.WriteLine($"x{scale} {method}: RAW {mean.RawPsnr:F3} dB / {mean.RawSsim:F4}, sRGB {mean.Srgb.PsnrRgb:F3} dB / {mean.Srgb.SsimRgb:F4}");
        Assert.Equal(rawPsnr, mean.RawPsnr, 0.01);
        Assert.Equal(srgbPsnr, mean.Srgb.PsnrRgb, 0.01);
    }
}
