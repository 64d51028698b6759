using Downscale.Tests;
using Downscale.Core.Imaging;
using Downscale.Core.Resampling;

namespace Downscale.Core.Tests.Resampling;

/// <summary>DPID (Weber et al. 2016) against a direct evaluation of the paper's formulas, and its defining properties.</summary>
public class DpidTests
{
    [Theory]
    [InlineData(96, 64, 24, 16, 1.0, 3)]
    [InlineData(96, 64, 24, 16, 0.5, 3)]
    [InlineData(131, 97, 101, 75, 1.0, 3)]
    [InlineData(50, 41, 13, 11, 2.0, 3)]
    [InlineData(20, 20, 20, 20, 1.0, 3)]
    [InlineData(45, 38, 17, 9, 0.7, 1)]
    [InlineData(45, 38, 17, 9, 1.0, 4)]
    public void Dpid_MatchesTheDirectFormulas(int inW, int inH, int outW, int outH, double lambda, int channels)
    {
        PlanarImage source = TestImages.RandomWithEdges(channels, inH, inW, seed: inW + outW);

        PlanarImage fast = Resampler.Resize(source, outW, outH, ResampleMethod.Dpid, new ResampleOptions { DpidLambda = lambda, MaxDegreeOfParallelism = 2 });

        PlanarImage naive = NaiveDpid(source, outW, outH, lambda);
        double diff = PixelCompare.MaxDiff(fast, naive);
        Assert.True(diff < 1e-5, $"max |diff| = {diff:E2}");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1.3)]
    public void LambdaZero_IsTheAreaFilter(double factor)
    {
        PlanarImage source = TestImages.RandomWithEdges(3, 120, 90, seed: 3);

        PlanarImage dpid = Resampler.Resize(source, factor, ResampleMethod.Dpid, new ResampleOptions { DpidLambda = 0 });

        PlanarImage area = Resampler.Resize(source, factor, ResampleMethod.Area);
        Assert.True(PixelCompare.MaxDiff(dpid, area) < 1e-6);
    }

    [Fact]
    public void BrightDot_SurvivesMoreWithLargerLambda()
    {
        PlanarImage source = TestImages.Constant(3, 64, 64, 0.1f);
        for (int c = 0; c < 3; c++)
        {
            source.Row(c, 21)[42] = 1f; // inside output pixel (5, 10) at x4
        }

        float Dot(double lambda) =>
            Resampler.Resize(source, 16, 16, ResampleMethod.Dpid, new ResampleOptions { DpidLambda = lambda }).Row(0, 5)[10];

        float box = Dot(0), half = Dot(0.5), one = Dot(1);
        Assert.Equal(0.1f + (0.9f / 16), box, 1e-6f);
        Assert.True(half > box + 0.05f, $"lambda 0.5 gives {half}, lambda 0 gives {box}");
        Assert.True(one > half + 0.05f, $"lambda 1 gives {one}, lambda 0.5 gives {half}");
    }

    [Fact]
    public void ConstantImage_StaysConstant()
    {
        // Every distance is zero, so every weight is zero and the guidance is returned.
        PlanarImage source = TestImages.Constant(3, 40, 30, 0.375f);

        PlanarImage output = Resampler.Resize(source, 7, 9, ResampleMethod.Dpid);

        Assert.All(output.Data.ToArray(), v => Assert.Equal(0.375f, v, 1e-6f));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Interleaved8Bit_IsThePlanarResultRounded(int channels)
    {
        byte[] pixels = TestImages.RandomBytes(40 * 33 * channels, seed: channels);
        var output = new byte[15 * 12 * channels];

        Resampler.ResizeInterleaved(pixels, 40, 33, channels, output, 15, 12, ResampleMethod.Dpid);

        PlanarImage planar = Resampler.Resize(ResamplingFixtures.Planar(pixels, 40, 33, channels, v => v / 255f), 15, 12, ResampleMethod.Dpid);
        Assert.Equal(PixelCompare.ToHwcBytes(planar), output);
    }

    [Fact]
    public void Upscaling_IsRejected()
    {
        PlanarImage source = TestImages.Constant(3, 10, 10, 0.5f);

        var error = Assert.Throws<ArgumentException>(() => Resampler.Resize(source, 12, 8, ResampleMethod.Dpid));
        Assert.Contains("only downscales", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The paper's formulas, pixel by pixel in float64.</summary>
    private static PlanarImage NaiveDpid(PlanarImage source, int outW, int outH, double lambda)
    {
        int channels = source.Channels;
        double sx = (double)source.Width / outW, sy = (double)source.Height / outH;
        double Coverage(int i, int o, double s, int n) => Math.Max(0, Math.Min(i + 1, Math.Min((o + 1) * s, n)) - Math.Max(i, o * s));
        double Pixel(int c, int y, int x) => source.Row(c, y)[x];

        var box = new double[channels, outH, outW];
        for (int oy = 0; oy < outH; oy++)
        {
            for (int ox = 0; ox < outW; ox++)
            {
                double norm = 0;
                for (int y = (int)(oy * sy); y < Math.Min(source.Height, (int)Math.Ceiling((oy + 1) * sy)); y++)
                {
                    for (int x = (int)(ox * sx); x < Math.Min(source.Width, (int)Math.Ceiling((ox + 1) * sx)); x++)
                    {
                        double w = Coverage(x, ox, sx, source.Width) * Coverage(y, oy, sy, source.Height);
                        norm += w;
                        for (int c = 0; c < channels; c++)
                        {
                            box[c, oy, ox] += w * Pixel(c, y, x);
                        }
                    }
                }

                for (int c = 0; c < channels; c++)
                {
                    box[c, oy, ox] /= norm;
                }
            }
        }

        int[] k = [1, 2, 1];
        var result = new PlanarImage(channels, outH, outW);
        var guide = new double[channels];
        for (int oy = 0; oy < outH; oy++)
        {
            for (int ox = 0; ox < outW; ox++)
            {
                double gnorm = 0;
                Array.Clear(guide);
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int qy = oy + dy, qx = ox + dx;
                        if (qy >= 0 && qy < outH && qx >= 0 && qx < outW)
                        {
                            double w = k[dy + 1] * k[dx + 1];
                            gnorm += w;
                            for (int c = 0; c < channels; c++)
                            {
                                guide[c] += w * box[c, qy, qx];
                            }
                        }
                    }
                }

                for (int c = 0; c < channels; c++)
                {
                    guide[c] /= gnorm;
                }

                double norm = 0;
                var sums = new double[channels];
                for (int y = (int)(oy * sy); y < Math.Min(source.Height, (int)Math.Ceiling((oy + 1) * sy)); y++)
                {
                    for (int x = (int)(ox * sx); x < Math.Min(source.Width, (int)Math.Ceiling((ox + 1) * sx)); x++)
                    {
                        double coverage = Coverage(x, ox, sx, source.Width) * Coverage(y, oy, sy, source.Height);
                        if (coverage == 0)
                        {
                            continue;
                        }

                        double d2 = 0;
                        for (int c = 0; c < channels; c++)
                        {
                            d2 += Math.Pow(Pixel(c, y, x) - guide[c], 2);
                        }

                        double w = coverage * (lambda == 0 ? 1 : Math.Pow(Math.Sqrt(d2) / Math.Sqrt(channels), lambda));
                        norm += w;
                        for (int c = 0; c < channels; c++)
                        {
                            sums[c] += w * Pixel(c, y, x);
                        }
                    }
                }

                for (int c = 0; c < channels; c++)
                {
                    result.Row(c, oy)[ox] = (float)(norm > 0 ? sums[c] / norm : guide[c]);
                }
            }
        }

        return result;
    }
}
