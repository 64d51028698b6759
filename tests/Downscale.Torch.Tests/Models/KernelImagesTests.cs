using Downscale.Core.Imaging;
using Downscale.Tests;
using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Models;

public sealed class KernelImagesTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder();

    public KernelImagesTests() => TorchNative.EnsureLoaded();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void MeanKernel_DrawsEachTapAsACell_ScaledToTheLargestWeight()
    {
        using var scope = NewDisposeScope();
        // Channel 1: weight 0.75 on tap (1, 2) and 0.25 on tap (0, 0) at every pixel of a 3x3 kernel.
        Tensor kernels = zeros([1, 3, 9, 4, 5]);
        kernels[0, 1, 5] = 0.75f;
        kernels[0, 1, 0] = 0.25f;

        PlanarImage image = KernelImages.MeanKernel(kernels, channel: 1, cellSize: 4);

        Assert.Equal((1, 12, 12), (image.Channels, image.Height, image.Width));
        Assert.Equal(1f, image.Row(0, 4)[8]); // tap (1, 2): rows 4..7, columns 8..11
        Assert.Equal(1f, image.Row(0, 7)[11]);
        Assert.Equal(1f / 3f, image.Row(0, 0)[0], 6);
        Assert.Equal(0f, image.Row(0, 4)[4]);
        Assert.Equal(1f + (1f / 3f), image.Data.ToArray().Sum() / 16f, 5); // 16 pixels per cell
    }

    [Fact]
    public void TapMaps_PlacesTapIJAtMosaicRowIColumnJ_WithBlackGaps()
    {
        using var scope = NewDisposeScope();
        const int k = 3, h = 2, w = 4;
        // Value at [tap t, y, x] = t + 1 + 0.01 (y * w + x), so every mosaic pixel says where it came from.
        Tensor pattern = (arange(1, k * k + 1, dtype: ScalarType.Float32).reshape(k * k, 1, 1)
            + (arange(h * w, dtype: ScalarType.Float32).reshape(1, h, w) * 0.01f)).expand(1, 3, k * k, h, w);
        float max = pattern.max().item<float>();

        PlanarImage image = KernelImages.TapMaps(pattern, channel: 2, gap: 1);

        Assert.Equal((1, (k * h) + 2, (k * w) + 2), (image.Channels, image.Height, image.Width));
        // Tap (2, 1) = t 7, pixel (1, 3): mosaic row 2 * (h + 1) + 1, column 1 * (w + 1) + 3.
        Assert.Equal((8 + 0.07f) / max, image.Row(0, 7)[8], 6);
        Assert.Equal(0f, image.Row(0, 2)[0]); // a gap row
        Assert.Equal(0f, image.Row(0, 0)[4]); // a gap column
    }

    [Fact]
    public void Write_WritesMeanAndTapPngsPerChannel()
    {
        using var model = new AdkNet(new AdkNetOptions { Scale = 2, Features = 4 });
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor kernels = model.PredictKernels(rand(1, 3, 16, 12));

        IReadOnlyList<string> paths = KernelImages.Write(kernels, folder, "adk", cellSize: 8);

        Assert.Equal(6, paths.Count);
        Assert.Equal(["adk_mean_b.png", "adk_mean_g.png", "adk_mean_r.png", "adk_taps_b.png", "adk_taps_g.png", "adk_taps_r.png"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        ImageInfo mean = ImageFile.ReadInfo(Path.Combine(folder, "adk_mean_g.png"));
        ImageInfo taps = ImageFile.ReadInfo(Path.Combine(folder, "adk_taps_r.png"));
        Assert.Equal((40, 40), (mean.Height, mean.Width));
        Assert.Equal((5 * 8 + 4, 5 * 6 + 4), (taps.Height, taps.Width));
    }

    [Theory]
    [InlineData(new long[] { 1, 3, 10, 2, 2 })]
    [InlineData(new long[] { 1, 1, 9, 2, 2 })]
    [InlineData(new long[] { 3, 9, 2, 2 })]
    public void KernelsOfTheWrongShape_AreRefused(long[] shape)
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => KernelImages.MeanKernel(zeros(shape), 0));
        Assert.Contains("(N, 3, k*k, h, w)", error.Message, StringComparison.Ordinal);
    }
}
