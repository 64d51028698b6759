using Downscale.Tests;
using Downscale.Core.Imaging;
using Downscale.Core.Resampling;

namespace Downscale.Core.Tests.Resampling;

/// <summary>Area averaging: the block mean for integer scales, exact coverage for fractional ones.</summary>
public class AreaTests
{
    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 2)]
    public void IntegerScale_IsTheBlockMean(int fx, int fy)
    {
        PlanarImage source = TestImages.RandomWithEdges(3, 12 * fy, 20 * fx, seed: fx * 10 + fy);

        PlanarImage output = Resampler.Resize(source, 20, 12, ResampleMethod.Area);

        for (int c = 0; c < 3; c++)
        {
            for (int oy = 0; oy < 12; oy++)
            {
                for (int ox = 0; ox < 20; ox++)
                {
                    double mean = 0;
                    for (int y = oy * fy; y < (oy + 1) * fy; y++)
                    {
                        for (int x = ox * fx; x < (ox + 1) * fx; x++)
                        {
                            mean += source.Row(c, y)[x];
                        }
                    }

                    Assert.Equal(mean / (fx * fy), output.Row(c, oy)[ox], 1e-6);
                }
            }
        }
    }

    [Fact]
    public void FractionalScale_WeighsCutPixelsByTheirCoverage()
    {
        // 4 -> 3 pixels: footprints [0, 4/3), [4/3, 8/3), [8/3, 4).
        PlanarImage source = PlanarImage.Wrap(new float[] { 0, 3, 6, 9 }, 1, 1, 4);

        PlanarImage output = Resampler.Resize(source, 3, 1, ResampleMethod.Area);

        Assert.Equal([(0 + (3 / 3.0)) * 0.75, ((3 * 2 / 3.0) + (6 * 2 / 3.0)) * 0.75, ((6 / 3.0) + 9) * 0.75], output.Data.ToArray().Select(v => (double)v), new ToleranceComparer(1e-5));
    }

    [Fact]
    public void Area_PreservesTheMeanOfAnyImage()
    {
        PlanarImage source = TestImages.RandomWithEdges(1, 91, 130, seed: 5);

        PlanarImage output = Resampler.Resize(source, 1.3, ResampleMethod.Area);

        Assert.Equal((100, 70), (output.Width, output.Height));
        Assert.Equal(source.Data.ToArray().Average(), output.Data.ToArray().Average(), 1e-4);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
