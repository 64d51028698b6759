using Downscale.Core.Imaging;
using Downscale.Core.Metrics;
using Downscale.Tests;

namespace Downscale.Core.Tests.Metrics;

public class PsnrTests
{
    [Fact]
    public void IdenticalImages_ArePositiveInfinity()
    {
        PlanarImage image = TestImages.Random(3, 20, 24, seed: 1);

        Assert.Equal(double.PositiveInfinity, Psnr.Compute(image, image.Clone()));
        Assert.Equal(double.PositiveInfinity, Psnr.Compute(image, image.Clone(), new QualityOptions { Channel = QualityChannel.Y }));
    }

    [Fact]
    public void OneLevelEverywhere_Is10Log10Of255Squared()
    {
        var a = new PlanarImage(3, 8, 8);
        var b = new PlanarImage(3, 8, 8);
        a.Data.Span.Fill(100f / 255f);
        b.Data.Span.Fill(101f / 255f);

        Assert.Equal(10 * Math.Log10(255.0 * 255.0), Psnr.Compute(a, b), 1e-12);
    }

    [Fact]
    public void Rgb_IsMseOverAllChannels_NotMeanOfChannelPsnrs()
    {
        // Only the red channel differs, by 3 levels: MSE = 9 / 3 = 3 over the three channels.
        var a = new PlanarImage(3, 6, 6);
        PlanarImage b = a.Clone();
        b.Plane(0).Fill(3f / 255f);

        Assert.Equal(10 * Math.Log10(255.0 * 255.0 / 3.0), Psnr.Compute(a, b), 1e-12);
    }

    [Fact]
    public void CropBorder_IgnoresDifferencesInTheBorder()
    {
        PlanarImage a = TestImages.Random(3, 16, 16, seed: 2);
        PlanarImage b = a.Clone();
        for (int c = 0; c < 3; c++)
        {
            b.Row(c, 0)[5] = 1f - b.Row(c, 0)[5];
            b.Row(c, 9)[15] = 1f - b.Row(c, 9)[15];
        }

        Assert.Equal(double.PositiveInfinity, Psnr.Compute(a, b, new QualityOptions { CropBorder = 1 }));
        Assert.True(double.IsFinite(Psnr.Compute(a, b, new QualityOptions { CropBorder = 0 })));
    }

    [Fact]
    public void Quantization_ScoresTheEightBitValues()
    {
        // 0.5 and 0.501 are both 128 as 8-bit values (127.5 and 127.755 round half up to 128).
        var a = new PlanarImage(3, 4, 4);
        var b = new PlanarImage(3, 4, 4);
        a.Data.Span.Fill(0.5f);
        b.Data.Span.Fill(0.501f);

        Assert.Equal(double.PositiveInfinity, Psnr.Compute(a, b));
        double unquantized = Psnr.Compute(a, b, new QualityOptions { QuantizeTo8Bit = false });
        Assert.Equal(10 * Math.Log10(255.0 * 255.0 / Math.Pow(0.001f * 255.0, 2)), unquantized, 1e-3);
    }

    [Fact]
    public void QuantizedScore_EqualsScoreOfTheSavedPng()
    {
        PlanarImage prediction = TestImages.Random(3, 30, 34, seed: 3);
        PlanarImage target = TestImages.Noisy(prediction, 0.05f, seed: 4);
        string folder = TestPaths.NewTempFolder();
        string predictionPath = Path.Combine(folder, "p.png"), targetPath = Path.Combine(folder, "t.png");
        ImageFile.WritePng(predictionPath, prediction);
        ImageFile.WritePng(targetPath, target);
        var options = new QualityOptions { CropBorder = 2 };

        FidelityScores inMemory = Fidelity.Compute(prediction, target, options);
        FidelityScores fromFiles = Fidelity.Compute(ImageFile.Read(predictionPath), ImageFile.Read(targetPath), options);

        Assert.Equal(inMemory, fromFiles);
    }

    [Fact]
    public void DataRange_IsThePeak()
    {
        var a = new PlanarImage(1, 4, 4);
        var b = new PlanarImage(1, 4, 4);
        b.Data.Span.Fill(2f / 255f);

        Assert.Equal(10 * Math.Log10(1.0 / 4.0), Psnr.Compute(a, b, new QualityOptions { DataRange = 1 }), 1e-12);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NaNPixel_GivesNaN(bool quantize)
    {
        PlanarImage a = TestImages.Random(3, 12, 12, seed: 12);
        PlanarImage b = a.Clone();
        b.Row(1, 6)[6] = float.NaN;
        var options = new QualityOptions { QuantizeTo8Bit = quantize };

        Assert.True(double.IsNaN(Psnr.Compute(a, b, options)));
        Assert.True(double.IsNaN(Fidelity.Compute(a, b, options).SsimY));
    }

    [Fact]
    public void ShapeMismatch_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Psnr.Compute(new PlanarImage(3, 10, 12), new PlanarImage(3, 12, 10)));
        Assert.Contains("differ in shape", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Psnr.Compute(new PlanarImage(3, 10, 10), new PlanarImage(1, 10, 10)));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    public void CropLargerThanImage_Throws(int crop)
    {
        var error = Assert.Throws<ArgumentException>(
            () => Psnr.Compute(new PlanarImage(3, 10, 20), new PlanarImage(3, 10, 20), new QualityOptions { CropBorder = crop }));
        Assert.Contains($"crop border of {crop}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LumaOfNonRgbImage_Throws()
    {
        var error = Assert.Throws<ArgumentException>(
            () => Psnr.Compute(new PlanarImage(1, 8, 8), new PlanarImage(1, 8, 8), new QualityOptions { Channel = QualityChannel.Y }));
        Assert.Contains("3 channels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_RejectInvalidValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new QualityOptions { CropBorder = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new QualityOptions { DataRange = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new QualityOptions { DataRange = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new QualityOptions { Channel = (QualityChannel)7 });
    }
}
