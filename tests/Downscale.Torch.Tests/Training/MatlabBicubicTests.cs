using Downscale.Core.Imaging;
using Downscale.Core.Resampling;
using Downscale.Tests;
using Downscale.Torch.Imaging;
using Downscale.Torch.Native;
using Downscale.Torch.Training;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Training;

public class MatlabBicubicTests
{
    private static readonly ResampleOptions Matlab = new() { Convention = ResampleConvention.Matlab };

    public MatlabBicubicTests() => TorchNative.EnsureLoaded();

    [Theory]
    [InlineData(2, 13, 17)]
    [InlineData(3, 8, 5)]
    [InlineData(4, 16, 16)]
    [InlineData(4, 1, 3)]
    public void Resize_Upscale_MatchesTheManagedMatlabBicubic(int scale, int height, int width)
    {
        PlanarImage image = TestImages.Random(3, height, width, seed: scale);
        PlanarImage expected = Resampler.Resize(image, width * scale, height * scale, ResampleMethod.Bicubic, Matlab);
        using var bicubic = new MatlabBicubic();

        using Tensor input = image.ToTensor();
        using Tensor output = bicubic.Resize(input, height * scale, width * scale);

        AssertClose(expected, output.ToPlanarImage(), 1e-5);
    }

    [Theory]
    [InlineData(24, 30, 8, 10)]
    [InlineData(17, 23, 9, 7)]
    public void Resize_AntialiasedDownscale_MatchesTheManagedMatlabBicubic(int height, int width, int outHeight, int outWidth)
    {
        PlanarImage image = TestImages.Random(3, height, width, seed: 5);
        PlanarImage expected = Resampler.Resize(image, outWidth, outHeight, ResampleMethod.Bicubic, Matlab);
        using var bicubic = new MatlabBicubic();

        using Tensor input = image.ToTensor();
        using Tensor output = bicubic.Resize(input, outHeight, outWidth);

        AssertClose(expected, output.ToPlanarImage(), 1e-5);
    }

    [Fact]
    public void Weights_EachRowSumsToOne()
    {
        foreach ((int input, int output) in new[] { (5, 20), (20, 5), (7, 7), (1, 4) })
        {
            double[] weights = MatlabBicubic.Weights(input, output);
            for (int i = 0; i < output; i++)
            {
                Assert.Equal(1.0, weights.AsSpan(i * input, input).ToArray().Sum(), 12);
            }
        }
    }

    [Fact]
    public void Resize_GradientIsTheTransposedOperator()
    {
        using var bicubic = new MatlabBicubic();
        using Tensor x = rand(1, 1, 4, 6).requires_grad_(true);
        using Tensor y = bicubic.Resize(x, 8, 12);
        using Tensor sum = y.sum();

        sum.backward();

        // d(sum y)/dx[i, j] = (column sums of W_h)[i] x (column sums of W_w)[j].
        double[] rows = MatlabBicubic.Weights(4, 8), columns = MatlabBicubic.Weights(6, 12);
        using Tensor grad = x.grad!;
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                double expected = Enumerable.Range(0, 8).Sum(r => rows[(r * 4) + i]) * Enumerable.Range(0, 12).Sum(c => columns[(c * 6) + j]);
                Assert.Equal(expected, grad[0, 0, i, j].item<float>(), 4);
            }
        }
    }

    [Fact]
    public void Resize_RefusesIntegerTensors()
    {
        using var bicubic = new MatlabBicubic();
        using Tensor x = zeros([1, 1, 4, 4], ScalarType.Int32);

        var error = Assert.Throws<ArgumentException>(() => bicubic.Resize(x, 8, 8));
        Assert.Contains("floating-point", error.Message, StringComparison.Ordinal);
    }

    private static void AssertClose(PlanarImage expected, PlanarImage actual, double tolerance)
    {
        Assert.True(expected.SameShape(actual), $"{expected} vs {actual}");
        ReadOnlySpan<float> a = expected.Data.Span, b = actual.Data.Span;
        double worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        Assert.True(worst <= tolerance, $"max |difference| {worst} > {tolerance}");
    }
}
