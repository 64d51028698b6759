using Downscale.Tests;
using Downscale.Core.Imaging;
using Downscale.Core.Resampling;

namespace Downscale.Core.Tests.Resampling;

/// <summary>The fast engine (packed tables, bands, transposes, SIMD, threads) against <see cref="NaiveResampler"/>.</summary>
public class NaiveReferenceTests
{
    public static TheoryData<ResampleMethod, ResampleConvention> MethodsAndConventions()
    {
        var data = new TheoryData<ResampleMethod, ResampleConvention>();
        foreach (ResampleConvention convention in Enum.GetValues<ResampleConvention>())
        {
            foreach (ResampleMethod method in Enum.GetValues<ResampleMethod>())
            {
                if (method != ResampleMethod.Dpid && !(method == ResampleMethod.Box && convention == ResampleConvention.OpenCv))
                {
                    data.Add(method, convention);
                }
            }
        }

        return data;
    }

    /// <summary>Sizes that exercise integer, fractional, unequal, mixed up/down, tiny and non-multiple-of-8 cases.</summary>
    private static readonly (int InW, int InH, int OutW, int OutH)[] Sizes =
    [
        (64, 48, 32, 24), (61, 47, 20, 15), (53, 41, 41, 31), (37, 29, 59, 43), (40, 30, 13, 45),
        (9, 7, 3, 2), (5, 3, 1, 1), (1, 4, 3, 2), (17, 19, 17, 19), (33, 8, 7, 8),
        (60, 48, 20, 12), (36, 30, 9, 10), (24, 16, 24, 4), (67, 9, 1, 3),
    ];

    [Theory]
    [MemberData(nameof(MethodsAndConventions))]
    public void FastEngine_MatchesNaiveReference(ResampleMethod method, ResampleConvention convention)
    {
        var options = new ResampleOptions { Convention = convention, MaxDegreeOfParallelism = 3 };
        foreach ((int inW, int inH, int outW, int outH) in Sizes)
        {
            foreach (int channels in new[] { 1, 3 })
            {
                PlanarImage source = TestImages.RandomWithEdges(channels, inH, inW, seed: inW * inH + channels);

                PlanarImage fast = Resampler.Resize(source, outW, outH, method, options);

                PlanarImage naive = NaiveResampler.Resize(source, outW, outH, method, convention);
                double diff = PixelCompare.MaxDiff(fast, naive);
                Assert.True(diff < 2e-6, $"{method}/{convention} {inW}x{inH}->{outW}x{outH} c={channels}: max |diff| = {diff:E2}");
            }
        }
    }

    [Theory]
    [InlineData(-0.75)]
    [InlineData(-0.5)]
    [InlineData(0.0)]
    public void CubicCoefficient_IsHonoured(double a)
    {
        PlanarImage source = TestImages.RandomWithEdges(1, 30, 40, seed: 7);
        var options = new ResampleOptions { Convention = ResampleConvention.Matlab, CubicCoefficient = a };

        PlanarImage fast = Resampler.Resize(source, 17, 13, ResampleMethod.Bicubic, options);

        PlanarImage naive = NaiveResampler.Resize(source, 17, 13, ResampleMethod.Bicubic, ResampleConvention.Matlab, a);
        Assert.True(PixelCompare.MaxDiff(fast, naive) < 2e-6);
    }

    [Theory]
    [InlineData(ResampleMethod.Bicubic, ResampleConvention.Pil)]
    [InlineData(ResampleMethod.Lanczos3, ResampleConvention.Matlab)]
    [InlineData(ResampleMethod.Area, ResampleConvention.OpenCv)]
    public void Results_DoNotDependOnTheThreadCount(ResampleMethod method, ResampleConvention convention)
    {
        PlanarImage source = TestImages.RandomWithEdges(3, 203, 157, seed: 11);

        PlanarImage one = Resampler.Resize(source, 61, 77, method, new ResampleOptions { Convention = convention, MaxDegreeOfParallelism = 1 });
        PlanarImage many = Resampler.Resize(source, 61, 77, method, new ResampleOptions { Convention = convention, MaxDegreeOfParallelism = 5 });

        Assert.Equal(one.Data.ToArray(), many.Data.ToArray());
    }

    [Theory]
    [MemberData(nameof(MethodsAndConventions))]
    public void Interleaved8Bit_AgreesWithPlanarFloat(ResampleMethod method, ResampleConvention convention)
    {
        foreach (int channels in new[] { 1, 3, 4 })
        {
            byte[] pixels = TestImages.RandomBytes(45 * 38 * channels, seed: channels);
            PlanarImage planar = ResamplingFixtures.Planar(pixels, 45, 38, channels, v => v / 255f);
            var options = new ResampleOptions { Convention = convention };
            var output = new byte[23 * 29 * channels];

            Resampler.ResizeInterleaved(pixels, 45, 38, channels, output, 23, 29, method, options);

            byte[] expected = PixelCompare.ToHwcBytes(Resampler.Resize(planar, 23, 29, method, options));
            Assert.True(PixelCompare.MaxDiff(output, expected) <= 1, $"{method}/{convention} c={channels}");
        }
    }

    [Theory]
    [InlineData(1, 2, 2)]
    [InlineData(3, 2, 2)]
    [InlineData(3, 3, 3)]
    [InlineData(4, 4, 2)]
    [InlineData(3, 5, 1)]
    [InlineData(2, 1, 3)]
    public void Interleaved8Bit_IntegerBlockMean_MatchesNaiveArea(int channels, int fx, int fy)
    {
        // Integer factors: interleaved channels share every window, so the channel stride must be right in both passes.
        const int outW = 37, outH = 11;
        byte[] pixels = TestImages.RandomBytes(outW * fx * outH * fy * channels, seed: (fx * 10) + fy);
        var output = new byte[outW * outH * channels];

        Resampler.ResizeInterleaved(pixels, outW * fx, outH * fy, channels, output, outW, outH, ResampleMethod.Area);

        PlanarImage planar = ResamplingFixtures.Planar(pixels, outW * fx, outH * fy, channels, v => v / 255f);
        byte[] expected = PixelCompare.ToHwcBytes(NaiveResampler.Resize(planar, outW, outH, ResampleMethod.Area, ResampleConvention.OpenCv));
        Assert.True(PixelCompare.MaxDiff(output, expected) <= 1);
        Assert.True(output.Zip(expected).Count(p => p.First != p.Second) < output.Length / 50, "more than 2% of values off by one");
    }
}
