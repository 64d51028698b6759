using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Native;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Downscale.Torch.Tests.Models;

/// <summary>Which HR pixel each tap reads (one-hot kernels, delta images, ramps), and equality with an unfold reference.</summary>
public class KernelApplicationTests
{
    public KernelApplicationTests() => TorchNative.EnsureLoaded();

    /// <summary>Which of Apply's three paths runs: no autograd, gradient to the kernels, gradient to the image too.</summary>
    public enum Path
    {
        Inference,
        KernelGradient,
        ImageGradient,
    }

    public static TheoryData<int, int, Path> Windows()
    {
        var data = new TheoryData<int, int, Path>();
        foreach (var (s, k) in new[] { (2, 5), (2, 6), (3, 7), (3, 6), (4, 9), (4, 10), (4, 2), (4, 3), (5, 2), (6, 3) })
        {
            foreach (Path path in Enum.GetValues<Path>())
            {
                data.Add(s, k, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void Apply_OneHotKernelAtEachTap_ReadsTheHrPixelThatKernelWindowNames(int s, int k, Path path)
    {
        var window = new KernelWindow(s, k);
        int height = 4 * s, width = 5 * s, h = 4, w = 5;
        using var scope = NewDisposeScope();
        // Every HR value is unique and exact in float32: c * 100000 + y * width + x.
        Tensor image = (arange(3 * height * width, dtype: ScalarType.Float32).reshape(1, 3, height, width) % (height * width))
            + (arange(3, dtype: ScalarType.Float32).reshape(1, 3, 1, 1) * 100000);
        image.requires_grad_(path == Path.ImageGradient);
        float[] hr = image.detach().data<float>().ToArray();

        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                Tensor kernels = zeros([1, 3, k * k, h, w]);
                kernels[TensorIndex.Colon, TensorIndex.Colon, (i * k) + j] = 1;
                kernels.requires_grad_(path == Path.KernelGradient);
                float[] output = KernelApplication.Apply(image, kernels, window).detach().data<float>().ToArray();
                for (int c = 0; c < 3; c++)
                {
                    for (int y = 0; y < h; y++)
                    {
                        for (int x = 0; x < w; x++)
                        {
                            int row = window.Source(y, i, height), column = window.Source(x, j, width);
                            float expected = hr[(((c * height) + row) * width) + column];
                            Assert.Equal(expected, output[(((c * h) + y) * w) + x]);
                        }
                    }
                }
            }
        }
    }

    [Theory]
    // s, k, delta at HR (row, column), the LR pixel whose centre tap reads it
    [InlineData(2, 5, 2, 4, 1, 2)] // centre tap of LR x reads HR 2x (= floor(u), u = 2x + 0.5)
    [InlineData(3, 7, 4, 7, 1, 2)] // centre tap of LR x reads HR 3x + 1 = u
    [InlineData(4, 9, 5, 9, 1, 2)] // centre tap of LR x reads HR 4x + 1 (= floor(u), u = 4x + 1.5)
    public void Apply_DeltaImageThroughTheCentreTap_LandsOnTheDocumentedLrPixel(int s, int k, int row, int column, int lrRow, int lrColumn)
    {
        using var scope = NewDisposeScope();
        Tensor image = zeros(1, 3, 4 * s, 4 * s);
        image[TensorIndex.Colon, TensorIndex.Colon, row, column] = 1;
        Tensor kernels = zeros([1, 3, k * k, 4, 4]);
        int centre = (k - 1) / 2;
        kernels[TensorIndex.Colon, TensorIndex.Colon, (centre * k) + centre] = 1;

        Tensor output = KernelApplication.Apply(image, kernels, new KernelWindow(s, k));

        Assert.Equal(3f, output.sum().item<float>());
        Assert.Equal(1f, output[0, 1, lrRow, lrColumn].item<float>());
    }

    [Theory]
    // s, k, hand-derived window centre minus u = (x + 0.5) s - 0.5
    [InlineData(2, 5, -0.5)]
    [InlineData(2, 6, 0.0)]
    [InlineData(3, 7, 0.0)]
    [InlineData(3, 6, -0.5)]
    [InlineData(4, 9, -0.5)]
    [InlineData(4, 10, 0.0)]
    [InlineData(4, 2, 0.0)] // k < s: the window sits inside the block, centred on u
    [InlineData(4, 3, -0.5)]
    [InlineData(5, 2, -0.5)]
    [InlineData(6, 3, -0.5)]
    public void Apply_UniformKernelOnARamp_ReturnsTheWindowCentre_WhichIsUExactlyForSameParity(int s, int k, double shift)
    {
        const int lrSize = 8;
        using var scope = NewDisposeScope();
        Tensor ramp = arange(lrSize * s, dtype: ScalarType.Float32).expand(1, 3, lrSize * s, lrSize * s).contiguous();
        Tensor kernels = full([1, 3, k * k, lrSize, lrSize], 1.0f / (k * k));

        float[] output = KernelApplication.Apply(ramp, kernels, new KernelWindow(s, k))[0, 0, 3].data<float>().ToArray();

        for (int x = 2; x < lrSize - 2; x++) // interior: the window never reaches the reflected border
        {
            double u = ((x + 0.5) * s) - 0.5;
            Assert.Equal(u + shift, output[x], 4);
        }
    }

    [Theory]
    [InlineData(4, 2, new[] { 5, 6 })] // offset floor(2/2) = 1: rows 4y + 1, 4y + 2 around u = 4y + 1.5
    [InlineData(4, 3, new[] { 4, 5, 6 })] // offset 0: centre 4y + 1, half a pixel before u (parity)
    [InlineData(5, 2, new[] { 6, 7 })] // offset 1: centre 5y + 1.5, half a pixel before u = 5y + 2
    [InlineData(6, 3, new[] { 7, 8, 9 })] // offset 1: centre 6y + 2, half a pixel before u = 6y + 2.5
    [InlineData(4, 9, new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 })] // offset -3: centre 4y + 1 = 5, half a pixel before u = 5.5
    public void Apply_WindowAtLrRowOne_ReadsTheHandDerivedHrRows(int s, int k, int[] rows)
    {
        // HR value = row index, so a one-hot kernel at tap (i, 0) returns the row that tap reads, for LR row 1.
        using var scope = NewDisposeScope();
        Tensor image = arange(4 * s, dtype: ScalarType.Float32).reshape(1, 1, 4 * s, 1).expand(1, 3, 4 * s, 4 * s).contiguous();
        for (int i = 0; i < k; i++)
        {
            Tensor kernels = zeros([1, 3, k * k, 4, 4]);
            kernels[TensorIndex.Colon, TensorIndex.Colon, i * k] = 1;

            Assert.Equal(rows[i], KernelApplication.Apply(image, kernels, new KernelWindow(s, k))[0, 0, 1, 1].item<float>());
        }
    }

    [Theory]
    [InlineData(2, 5, 3, false)]
    [InlineData(2, 5, 1, true)]
    [InlineData(3, 7, 3, true)]
    [InlineData(4, 10, 1, false)]
    public void Apply_MatchesAnUnfoldReference(int s, int k, int kernelPlanes, bool differentiable)
    {
        var window = new KernelWindow(s, k);
        using var scope = NewDisposeScope();
        using var generator = new Generator(11);
        Tensor image = rand([2, 3, 6 * s, 5 * s], generator: generator);
        Tensor kernels = rand([2, kernelPlanes, k * k, 6, 5], generator: generator).requires_grad_(differentiable);

        Tensor ours = KernelApplication.Apply(image, kernels, window).detach();

        Tensor reference = UnfoldReference(image, kernels, window).detach();
        Assert.True((ours - reference).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void Apply_KernelGradient_MatchesTheUnfoldReference()
    {
        var window = new KernelWindow(4, 9);
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        Tensor image = rand([2, 3, 24, 20], generator: generator);
        Tensor kernels = rand([2, 3, 81, 6, 5], generator: generator).requires_grad_(true);
        Tensor weights = rand([2, 3, 6, 5], generator: generator);

        Tensor ours = Gradient(KernelApplication.Apply(image, kernels, window), weights, kernels);

        Tensor reference = Gradient(UnfoldReference(image, kernels, window), weights, kernels);
        Assert.True((ours - reference).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void Apply_ImageGradient_MatchesTheStackedSlices()
    {
        var window = new KernelWindow(3, 7);
        using var scope = NewDisposeScope();
        using var generator = new Generator(6);
        Tensor image = rand([2, 3, 18, 15], generator: generator).requires_grad_(true);
        Tensor kernels = rand([2, 1, 49, 6, 5], generator: generator);
        Tensor weights = rand([2, 3, 6, 5], generator: generator);

        Tensor ours = Gradient(KernelApplication.Apply(image, kernels, window), weights, image);

        Tensor reference = Gradient((KernelApplication.Patches(image, window) * kernels).sum(2), weights, image);
        Assert.True((ours - reference).abs().max().item<float>() < 1e-4f);
        Assert.True(ours.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Patches_EqualsUnfoldOfThePaddedImage()
    {
        var window = new KernelWindow(3, 7);
        using var scope = NewDisposeScope();
        Tensor image = rand([1, 2, 12, 15]);

        Tensor patches = KernelApplication.Patches(image, window);

        Tensor padded = F.pad(image, [2, 2, 2, 2], PaddingModes.Reflect);
        Tensor unfolded = F.unfold(padded, 7, stride: 3).view(1, 2, 49, 4, 5);
        Assert.True(patches.eq(unfolded).all().item<bool>());
    }

    [Theory]
    [InlineData(new long[] { 1, 3, 13, 12 }, new long[] { 1, 3, 25, 6, 6 }, "multiples of the scale")]
    [InlineData(new long[] { 3, 12, 12 }, new long[] { 1, 3, 25, 6, 6 }, "(N, C, H, W)")]
    [InlineData(new long[] { 1, 3, 12, 12 }, new long[] { 1, 3, 24, 6, 6 }, "these are [1, 3, 24, 6, 6]")]
    [InlineData(new long[] { 1, 3, 12, 12 }, new long[] { 1, 2, 25, 6, 6 }, "3 or 1")]
    [InlineData(new long[] { 1, 3, 2, 12 }, new long[] { 1, 3, 25, 1, 6 }, "reflects 2 pixels")]
    public void Apply_MismatchedShapes_ThrowBeforeNativeCode(long[] imageShape, long[] kernelShape, string expected)
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => KernelApplication.Apply(zeros(imageShape), zeros(kernelShape), new KernelWindow(2, 5)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Independent reference: F.unfold (im2col) of the reflection-padded image.</summary>
    private static Tensor UnfoldReference(Tensor image, Tensor kernels, KernelWindow window)
    {
        long n = image.shape[0], c = image.shape[1], h = image.shape[2] / window.Scale, w = image.shape[3] / window.Scale;
        Tensor padded = F.pad(image, [window.PadBefore, window.PadAfter, window.PadBefore, window.PadAfter], PaddingModes.Reflect);
        Tensor patches = F.unfold(padded, window.Size, stride: window.Scale).view(n, c, window.Size * window.Size, h, w);
        return (patches * kernels).sum(2);
    }

    private static Tensor Gradient(Tensor output, Tensor weights, Tensor leaf) =>
        autograd.grad([(output * weights).sum()], [leaf])[0];
}
