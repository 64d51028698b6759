using Downscale.Tests;
using Downscale.Core.Imaging;
using Downscale.Core.Resampling;

namespace Downscale.Core.Tests.Resampling;

/// <summary>Bad input fails with a specific exception and a message that says what to do.</summary>
public class ResamplerValidationTests
{
    private static readonly PlanarImage Source = TestImages.Constant(3, 8, 8, 0.5f);

    [Theory]
    [InlineData(0, 4)]
    [InlineData(4, 0)]
    [InlineData(-1, 4)]
    public void NonPositiveOutputSize_Throws(int width, int height)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.Resize(Source, width, height, ResampleMethod.Bicubic));
        Assert.Contains("must be positive", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void InvalidFactor_Throws(double factor)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.Resize(Source, factor, ResampleMethod.Area));
    }

    [Fact]
    public void NullSource_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Resampler.Resize(null!, 4, 4, ResampleMethod.Area));
    }

    [Fact]
    public void UnknownMethod_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.Resize(Source, 4, 4, (ResampleMethod)99));
    }

    [Fact]
    public void BoxInOpenCvConvention_PointsToArea()
    {
        var error = Assert.Throws<ArgumentException>(
            () => Resampler.Resize(Source, 4, 4, ResampleMethod.Box, new ResampleOptions { Convention = ResampleConvention.OpenCv }));
        Assert.Contains("INTER_AREA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidOptions_FailWhenSet()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResampleOptions { DpidLambda = -0.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResampleOptions { DpidLambda = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResampleOptions { MaxDegreeOfParallelism = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResampleOptions { MaxDegreeOfParallelism = -2 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResampleOptions { CubicCoefficient = double.NaN });
    }

    [Fact]
    public void DestinationWithOtherChannels_Throws()
    {
        Assert.Throws<ArgumentException>(() => Resampler.Resize(Source, new PlanarImage(1, 4, 4), ResampleMethod.Area));
    }

    [Fact]
    public void DestinationSharingStorage_Throws()
    {
        var image = new PlanarImage(1, 8, 8);
        var error = Assert.Throws<ArgumentException>(() => Resampler.Resize(image, image, ResampleMethod.Area));
        Assert.Contains("share storage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InterleavedBuffersOfTheWrongLength_Throw()
    {
        var source = new byte[8 * 8 * 3];
        Assert.Throws<ArgumentException>(() => Resampler.ResizeInterleaved(source, 8, 8, 3, new byte[10], 4, 4, ResampleMethod.Area));
        Assert.Throws<ArgumentException>(() => Resampler.ResizeInterleaved(source.AsSpan(1), 8, 8, 3, new byte[48], 4, 4, ResampleMethod.Area));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.ResizeInterleaved(source, 8, 8, 5, new byte[48], 4, 4, ResampleMethod.Area));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.ResizeInterleaved(source, 0, 8, 3, new byte[48], 4, 4, ResampleMethod.Area));
    }

    [Theory]
    [InlineData(131, 97, 1.3, 101, 75)]
    [InlineData(132, 96, 2.0, 66, 48)]
    [InlineData(131, 97, 2.0, 66, 49)]
    [InlineData(100, 50, 0.5, 200, 100)]
    [InlineData(3, 3, 10.0, 1, 1)]
    public void ScaledSize_RoundsToNearestHalvesAwayFromZero(int width, int height, double factor, int expectedW, int expectedH)
    {
        Assert.Equal((expectedW, expectedH), Resampler.ScaledSize(width, height, factor));
    }

    [Fact]
    public void ScaledSize_Overflow_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.ScaledSize(1_000_000, 10, 1e-6));
    }
}
