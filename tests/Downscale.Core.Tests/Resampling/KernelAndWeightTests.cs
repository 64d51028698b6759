using Downscale.Tests;
using Downscale.Core.Imaging;
using Downscale.Core.Resampling;

namespace Downscale.Core.Tests.Resampling;

/// <summary>Kernel definitions, weight tables, and what the conventions imply for upscaling.</summary>
public class KernelAndWeightTests
{
    [Fact]
    public void Kernels_HaveTheirReferenceValues()
    {
        Assert.Equal(1.0, KnownKernels.Bicubic.GetValue(0));
        Assert.Equal(0.0, KnownKernels.Bicubic.GetValue(1));
        Assert.Equal(0.5625, KnownKernels.Bicubic.GetValue(0.5), 12);   // (1.5·0.125 - 2.5·0.25 + 1)
        Assert.Equal(-0.0625, KnownKernels.Bicubic.GetValue(1.5), 12);  // -0.5·(3.375 - 11.25 + 12 - 4)
        Assert.Equal(-0.09375, KnownKernels.OpenCvBicubic.GetValue(1.5), 12);
        Assert.Equal(0.0, KnownKernels.Bicubic.GetValue(2));
        Assert.Equal(0.5, KnownKernels.Triangle.GetValue(-0.5));
        Assert.Equal(1.0, KnownKernels.Lanczos3.GetValue(0));
        Assert.Equal(0.0, KnownKernels.Lanczos3.GetValue(2), 12);
        Assert.Equal(0.0, KnownKernels.Lanczos3.GetValue(3));
        Assert.Equal(3.0, KnownKernels.Lanczos3.Radius);
        Assert.Equal(0.0, KnownKernels.Box.GetValue(-0.5));
        Assert.Equal(1.0, KnownKernels.Box.GetValue(0.5));
        Assert.Equal(1.0, KnownKernels.MatlabBox.GetValue(-0.5));
        Assert.Equal(0.0, KnownKernels.MatlabBox.GetValue(0.5));
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(-0.75)]
    public void Cubic_IsAPartitionOfUnity(double a)
    {
        var kernel = new CubicKernel(a);
        for (double t = 0; t < 1; t += 0.0625)
        {
            Assert.Equal(1.0, kernel.GetValue(t + 1) + kernel.GetValue(t) + kernel.GetValue(t - 1) + kernel.GetValue(t - 2), 12);
        }
    }

    [Theory]
    [InlineData(ResampleMethod.Bicubic, ResampleConvention.Pil, 97, 31)]
    [InlineData(ResampleMethod.Lanczos3, ResampleConvention.Matlab, 40, 13)]
    [InlineData(ResampleMethod.Lanczos4, ResampleConvention.OpenCv, 20, 33)]
    [InlineData(ResampleMethod.Area, ResampleConvention.Pil, 131, 101)]
    [InlineData(ResampleMethod.Bilinear, ResampleConvention.Matlab, 3, 8)]
    public void EveryOutput_HasWeightsSummingToOneInsideTheInput(ResampleMethod method, ResampleConvention convention, int inSize, int outSize)
    {
        var plan = ResamplePlan.Create(method, new ResampleOptions { Convention = convention }, inSize, 5, outSize, 5);
        AxisWeights table = plan.Horizontal;

        for (int i = 0; i < outSize; i++)
        {
            Assert.InRange(table.Starts[i], 0, inSize - table.TapCount);
            double sum = Enumerable.Range(0, inSize).Sum(j => table.WeightOf(i, j));
            Assert.Equal(1.0, sum, 6);
        }
    }

    [Theory]
    [InlineData(ResampleMethod.Bicubic, ResampleConvention.Pil)]
    [InlineData(ResampleMethod.Lanczos3, ResampleConvention.Pil)]
    [InlineData(ResampleMethod.Bicubic, ResampleConvention.Matlab)]
    [InlineData(ResampleMethod.Lanczos4, ResampleConvention.OpenCv)]
    [InlineData(ResampleMethod.Area, ResampleConvention.OpenCv)]
    [InlineData(ResampleMethod.Nearest, ResampleConvention.Pil)]
    public void SameSize_IsTheIdentity(ResampleMethod method, ResampleConvention convention)
    {
        PlanarImage source = TestImages.RandomWithEdges(2, 23, 37, seed: 1);

        PlanarImage output = Resampler.Resize(source, 37, 23, method, new ResampleOptions { Convention = convention });

        Assert.True(PixelCompare.MaxDiff(source, output) < 1e-6);
    }

    [Fact]
    public void MatlabBicubicUpscale_ReproducesQuadraticsAwayFromTheBorders()
    {
        // Keys' kernel with a = -0.5 is exact for quadratics, and MATLAB does not widen it when upscaling;
        // output centre x maps to input (x + 0.5)·in/out - 0.5.
        const int inSize = 24, outSize = 60;
        static double F(double t) => 0.2 + (0.01 * t) + (0.0012 * t * t);
        var source = new PlanarImage(1, 1, inSize);
        for (int x = 0; x < inSize; x++)
        {
            source.Row(0, 0)[x] = (float)F(x);
        }

        PlanarImage output = Resampler.Resize(source, outSize, 1, ResampleMethod.Bicubic, new ResampleOptions { Convention = ResampleConvention.Matlab });

        for (int x = 6; x < outSize - 6; x++)
        {
            Assert.Equal(F(((x + 0.5) * inSize / outSize) - 0.5), output.Row(0, 0)[x], 5e-6);
        }
    }

    [Theory]
    [InlineData(ResampleConvention.Pil)]
    [InlineData(ResampleConvention.Matlab)]
    [InlineData(ResampleConvention.OpenCv)]
    public void BilinearUpscale_ReproducesARampAwayFromTheBorders(ResampleConvention convention)
    {
        var source = new PlanarImage(1, 10, 16);
        for (int y = 0; y < 10; y++)
        {
            for (int x = 0; x < 16; x++)
            {
                source.Row(0, y)[x] = (0.05f * x) + (0.02f * y);
            }
        }

        PlanarImage output = Resampler.Resize(source, 40, 25, ResampleMethod.Bilinear, new ResampleOptions { Convention = convention });

        for (int y = 3; y < 22; y++)
        {
            for (int x = 3; x < 37; x++)
            {
                double ix = ((x + 0.5) * 16 / 40) - 0.5, iy = ((y + 0.5) * 10 / 25) - 0.5;
                Assert.Equal((0.05 * ix) + (0.02 * iy), output.Row(0, y)[x], 1e-5);
            }
        }
    }

    [Fact]
    public void PilConvention_ClampsTheIntermediateButOthersDoNot()
    {
        // A one-pixel white line on black overshoots along x; PIL's uint8 intermediate cuts that before the vertical pass.
        var source = new PlanarImage(1, 12, 12);
        for (int y = 0; y < 12; y++)
        {
            source.Row(0, y)[6] = 1f;
        }

        PlanarImage pilDown = Resampler.Resize(source, 5, 5, ResampleMethod.Lanczos3);
        PlanarImage matlabDown = Resampler.Resize(source, 5, 5, ResampleMethod.Lanczos3, new ResampleOptions { Convention = ResampleConvention.Matlab });
        Assert.True(pilDown.Data.ToArray().Min() >= 0f);
        Assert.True(matlabDown.Data.ToArray().Min() < -0.01f);
    }
}
