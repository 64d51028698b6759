using Downscale.Tests;
using Downscale.Core.Imaging;
using Downscale.Core.Metrics;

namespace Downscale.Core.Tests.Metrics;

public class SsimTests
{
    [Fact]
    public void IdenticalImages_AreExactlyOne()
    {
        PlanarImage image = TestImages.Random(3, 40, 37, seed: 5);
        FidelityScores scores = Fidelity.Compute(image, image.Clone());

        Assert.Equal(1.0, Ssim.Compute(image, image.Clone()));
        Assert.Equal(1.0, scores.SsimRgb);
        Assert.Equal(1.0, scores.SsimY);
        Assert.Equal(double.PositiveInfinity, scores.PsnrRgb);
        Assert.Equal(double.PositiveInfinity, scores.PsnrY);
    }

    [Theory]
    [InlineData(11, 11, 0, true)] // a single window
    [InlineData(23, 30, 1, true)] // width not a multiple of the vector length
    [InlineData(150, 41, 3, true)] // several row bands
    [InlineData(64, 77, 2, false)] // unquantised values
    public void MatchesNaiveSkimageTranscription(int height, int width, int crop, bool quantize)
    {
        PlanarImage a = TestImages.Random(3, height + (2 * crop), width + (2 * crop), seed: height);
        PlanarImage b = TestImages.Noisy(a, 0.2f, seed: width);
        var options = new QualityOptions { CropBorder = crop, QuantizeTo8Bit = quantize };

        double expected = Enumerable.Range(0, 3).Average(c =>
            ReferenceSsim.Mean(Cropped(TestImages.Scaled(a, c, quantize), crop), Cropped(TestImages.Scaled(b, c, quantize), crop), 255));

        Assert.Equal(expected, Ssim.Compute(a, b, options), 1e-12);
    }

    [Fact]
    public void Luma_MatchesNaiveTranscriptionOnTheYPlane()
    {
        PlanarImage a = TestImages.Random(3, 30, 33, seed: 6);
        PlanarImage b = TestImages.Noisy(a, 0.1f, seed: 7);
        double[,] ya = Luma(a), yb = Luma(b);

        double ssimY = Ssim.Compute(a, b, new QualityOptions { Channel = QualityChannel.Y });

        Assert.Equal(ReferenceSsim.Mean(ya, yb, 255), ssimY, 1e-12);
    }

    [Fact]
    public void Fidelity_EqualsTheSeparateScores()
    {
        PlanarImage a = TestImages.Random(3, 70, 45, seed: 8);
        PlanarImage b = TestImages.Noisy(a, 0.1f, seed: 9);
        var rgb = new QualityOptions { CropBorder = 4 };
        var y = rgb with { Channel = QualityChannel.Y };

        FidelityScores scores = Fidelity.Compute(a, b, rgb);

        Assert.Equal(Psnr.Compute(a, b, rgb), scores.PsnrRgb);
        Assert.Equal(Psnr.Compute(a, b, y), scores.PsnrY);
        Assert.Equal(Ssim.Compute(a, b, rgb), scores.SsimRgb, 1e-15);
        Assert.Equal(Ssim.Compute(a, b, y), scores.SsimY);
        Assert.InRange(scores.SsimRgb, 0.0, 0.999);
    }

    [Fact]
    public void CroppedImageSmallerThanWindow_Throws()
    {
        var a = new PlanarImage(3, 14, 40);
        var error = Assert.Throws<ArgumentException>(() => Ssim.Compute(a, a.Clone(), new QualityOptions { CropBorder = 2 }));
        Assert.Contains("11x11", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Fidelity.Compute(a, a.Clone(), new QualityOptions { CropBorder = 2 }));
    }

    [Fact]
    public void FidelityOfNonRgbImage_Throws()
    {
        var a = new PlanarImage(1, 20, 20);
        Assert.Throws<ArgumentException>(() => Fidelity.Compute(a, a.Clone()));
    }

    [Fact]
    public void ShapeMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => Ssim.Compute(new PlanarImage(3, 20, 20), new PlanarImage(3, 20, 21)));

    private static double[,] Cropped(double[,] plane, int crop)
    {
        int h = plane.GetLength(0) - (2 * crop), w = plane.GetLength(1) - (2 * crop);
        var result = new double[h, w];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                result[y, x] = plane[y + crop, x + crop];
            }
        }

        return result;
    }

    private static double[,] Luma(PlanarImage image)
    {
        double[,] r = TestImages.Scaled(image, 0, true), g = TestImages.Scaled(image, 1, true), b = TestImages.Scaled(image, 2, true);
        var y = new double[image.Height, image.Width];
        for (int i = 0; i < image.Height; i++)
        {
            for (int j = 0; j < image.Width; j++)
            {
                y[i, j] = 16 + (65.481 * r[i, j] / 255) + (128.553 * g[i, j] / 255) + (24.966 * b[i, j] / 255);
            }
        }

        return y;
    }
}
