using Downscale.Core.Color;
using Downscale.Core.Imaging;
using Downscale.Core.Metrics;
using Downscale.Tests;
using Downscale.Torch.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Metrics;

/// <summary>The TorchSharp metrics against the managed ones (which match skimage/BasicSR, see Downscale.Core.Tests).</summary>
public class TensorMetricsTests
{
    [Theory]
    [InlineData("baboon", 2)]
    [InlineData("comic", 3)]
    [InlineData("zebra", 4)]
    public void Float64_MatchesManagedFidelity_OnSet14Pairs(string stem, int scale)
    {
        (PlanarImage a, PlanarImage b) = ReadPair(stem, scale);
        FidelityScores expected = Fidelity.Compute(a, b, new QualityOptions { CropBorder = scale });
        using var scope = NewDisposeScope();
        Tensor x = ToTensor(a, float64), y = ToTensor(b, float64);

        Assert.Equal(expected.PsnrRgb, Scalar(TensorPsnr.Compute(x, y, scale)), 1e-9);
        Assert.Equal(expected.PsnrY, Scalar(TensorPsnr.Compute(x, y, scale, QualityChannel.Y)), 1e-9);
        Assert.Equal(expected.SsimRgb, Scalar(TensorSsim.Compute(x, y, scale)), 1e-10);
        Assert.Equal(expected.SsimY, Scalar(TensorSsim.Compute(x, y, scale, QualityChannel.Y)), 1e-10);
    }

    [Fact]
    public void Float32_MatchesManagedFidelity_WithinBriefTolerance()
    {
        (PlanarImage a, PlanarImage b) = ReadPair("lenna", 2);
        FidelityScores expected = Fidelity.Compute(a, b, new QualityOptions { CropBorder = 2 });
        using var scope = NewDisposeScope();
        Tensor x = ToTensor(a, float32), y = ToTensor(b, float32);

        Assert.Equal(expected.PsnrRgb, Scalar(TensorPsnr.Compute(x, y, 2)), 1e-4);
        Assert.Equal(expected.PsnrY, Scalar(TensorPsnr.Compute(x, y, 2, QualityChannel.Y)), 1e-4);
        Assert.Equal(expected.SsimRgb, Scalar(TensorSsim.Compute(x, y, 2)), 1e-5);
        Assert.Equal(expected.SsimY, Scalar(TensorSsim.Compute(x, y, 2, QualityChannel.Y)), 1e-5);
    }

    [Fact]
    public void Batch_ScoresEachImage()
    {
        (PlanarImage a, PlanarImage b) = ReadPair("face", 3);
        PlanarImage c = TestImages.Noisy(a, 0.05f, seed: 1);
        using var scope = NewDisposeScope();
        Tensor predictions = cat([ToTensorUnquantized(a), ToTensorUnquantized(c)], 0);
        Tensor targets = cat([ToTensorUnquantized(b), ToTensorUnquantized(b)], 0);

        double[] psnr = TensorPsnr.Compute(predictions, targets, 3).data<double>().ToArray();
        double[] ssim = TensorSsim.Compute(predictions, targets, 3, QualityChannel.Y).data<double>().ToArray();

        var options = new QualityOptions { CropBorder = 3, QuantizeTo8Bit = false };
        var luma = options with { Channel = QualityChannel.Y };
        Assert.Equal(Psnr.Compute(a, b, options), psnr[0], 1e-9);
        Assert.Equal(Psnr.Compute(c, b, options), psnr[1], 1e-9);
        Assert.Equal(Ssim.Compute(a, b, luma), ssim[0], 1e-10);
        Assert.Equal(Ssim.Compute(c, b, luma), ssim[1], 1e-10);
        Assert.NotEqual(psnr[0], psnr[1], 1e-3);
    }

    [Fact]
    public void IdenticalImages_GiveInfinityAndOne()
    {
        using var scope = NewDisposeScope();
        Tensor x = rand(2, 3, 20, 20, dtype: float64, generator: new Generator(3));

        Assert.All(TensorPsnr.Compute(x, x.clone()).data<double>().ToArray(), v => Assert.Equal(double.PositiveInfinity, v));
        Assert.All(TensorSsim.Compute(x, x.clone(), 1, QualityChannel.Y).data<double>().ToArray(), v => Assert.Equal(1.0, v, 1e-12));
    }

    [Fact]
    public void Gradients_FlowToThePrediction_AndMatchFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(4);
        Tensor target = rand(1, 3, 14, 13, dtype: float64, generator: generator);
        Tensor start = (target + (rand(1, 3, 14, 13, dtype: float64, generator: generator) * 0.2)).clamp(0, 1);
        Tensor prediction = start.clone().requires_grad_(true);

        Tensor loss = TensorSsim.Compute(prediction, target, 1, QualityChannel.Y).sum() + TensorPsnr.Compute(prediction, target, 1).sum();
        loss.backward();
        double[] gradient = prediction.grad!.data<double>().ToArray();

        Assert.All(gradient, g => Assert.True(double.IsFinite(g)));
        int index = (1 * 14 * 13) + (6 * 13) + 5; // green channel, an interior pixel
        Assert.NotEqual(0.0, gradient[index]);
        double Loss(double delta)
        {
            using var inner = NewDisposeScope();
            Tensor moved = start.clone();
            moved.view(-1)[index] = moved.view(-1)[index] + delta;
            return Scalar(TensorSsim.Compute(moved, target, 1, QualityChannel.Y)) + Scalar(TensorPsnr.Compute(moved, target, 1));
        }

        const double h = 1e-6;
        Assert.Equal((Loss(h) - Loss(-h)) / (2 * h), gradient[index], 1e-5);
    }

    [Fact]
    public void Luma_MatchesManagedConversion()
    {
        (PlanarImage a, _) = ReadPair("pepper", 4);
        PlanarImage expected = YCbCr.LumaFromRgb(a);
        using var scope = NewDisposeScope();

        float[] luma = TensorYCbCr.Luma(ToTensor(a, float32)).data<float>().ToArray();

        Assert.Equal(expected.PlaneLength, luma.Length);
        for (int i = 0; i < luma.Length; i += 97)
        {
            Assert.Equal(expected.Data.Span[i], luma[i], 1e-6f);
        }
    }

    [Fact]
    public void BadInputs_ThrowBeforeNativeCode()
    {
        using var scope = NewDisposeScope();
        Tensor rgb = zeros(1, 3, 20, 20, dtype: float32);

        Assert.Throws<ArgumentException>(() => TensorPsnr.Compute(rgb, zeros(1, 3, 20, 21, dtype: float32)));
        Assert.Throws<ArgumentException>(() => TensorPsnr.Compute(rgb, zeros(1, 3, 20, 20, dtype: float64)));
        Assert.Throws<ArgumentException>(() => TensorPsnr.Compute(zeros(3, 20, 20), zeros(3, 20, 20)));
        Assert.Throws<ArgumentException>(() => TensorPsnr.Compute(zeros(1, 1, 20, 20), zeros(1, 1, 20, 20), 0, QualityChannel.Y));
        var crop = Assert.Throws<ArgumentException>(() => TensorPsnr.Compute(rgb, rgb, 10));
        Assert.Contains("crop border of 10", crop.Message, StringComparison.Ordinal);
        var window = Assert.Throws<ArgumentException>(() => TensorSsim.Compute(rgb, rgb, 5));
        Assert.Contains("11x11", window.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TensorYCbCr.Luma(zeros(1, 4, 2, 2)));
    }

    private static (PlanarImage Prediction, PlanarImage Target) ReadPair(string stem, int scale) =>
        (ImageFile.Read(Path.Combine(TestPaths.SharedData, "Set14", $"LR_camsim_x{scale}", stem + ".png")),
         ImageFile.Read(Path.Combine(TestPaths.SharedData, "Set14", $"LR_bicubic_x{scale}", stem + ".png")));

    // 8-bit images (read from PNGs) as exact k / 255 values in float64, or as they are in float32.
    private static Tensor ToTensor(PlanarImage image, ScalarType dtype) =>
        dtype == float64
            ? tensor(image.Data.ToArray().Select(v => Math.Round(v * 255.0) / 255.0).ToArray(), [1, image.Channels, image.Height, image.Width])
            : tensor(image.Data.ToArray(), [1, image.Channels, image.Height, image.Width]).to_type(dtype);

    // Any image, its float32 values widened to float64 (what the managed metrics see without quantisation).
    private static Tensor ToTensorUnquantized(PlanarImage image) =>
        tensor(image.Data.ToArray(), [1, image.Channels, image.Height, image.Width]).to_type(float64);

    private static double Scalar(Tensor t) => t.to_type(float64).data<double>()[0];
}
