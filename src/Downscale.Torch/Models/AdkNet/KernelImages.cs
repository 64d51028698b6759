using Downscale.Core.Imaging;
using static TorchSharp.torch;

namespace Downscale.Torch.Models.AdkNet;

/// <summary>
/// Renders ADK-Net kernels (N, 3, k*k, h, w), as <see cref="AdkNet.PredictKernels"/> returns them, as gray images:
/// the spatially averaged kernel per channel (the paper's Fig. 3) and per-pixel tap maps.
/// </summary>
/// <remarks>
/// Values map linearly from <c>[min(0, lowest), highest]</c> to [0, 1], so for the paper's non-negative kernels black
/// is 0 and white the largest weight shown; sum-only kernels with negative taps keep 0 as a visible grey level.
/// </remarks>
public static class KernelImages
{
    private static readonly string[] ChannelNames = ["r", "g", "b"];

    /// <summary>
    /// The k x k mean over all LR pixels of channel <paramref name="channel"/>'s kernels of image <paramref name="batchIndex"/>,
    /// each tap drawn as a <paramref name="cellSize"/>-pixel square: tap (i, j) at rows <c>[i c, (i+1) c)</c>, columns <c>[j c, (j+1) c)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not (N, 3, k*k, h, w).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index or the cell size is out of range.</exception>
    public static PlanarImage MeanKernel(Tensor kernels, int channel, int batchIndex = 0, int cellSize = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cellSize, 1);
        var (values, k, h, w) = Read(kernels, channel, batchIndex);
        var mean = new float[k * k];
        for (int t = 0; t < mean.Length; t++)
        {
            double sum = 0;
            foreach (float v in values.AsSpan(t * h * w, h * w))
            {
                sum += v;
            }

            mean[t] = (float)(sum / (h * w));
        }

        Scale(mean);
        var image = new PlanarImage(1, k * cellSize, k * cellSize);
        for (int y = 0; y < image.Height; y++)
        {
            Span<float> row = image.Row(0, y);
            for (int x = 0; x < image.Width; x++)
            {
                row[x] = mean[((y / cellSize) * k) + (x / cellSize)];
            }
        }

        return image;
    }

    /// <summary>
    /// A k x k mosaic of h x w maps: the map at mosaic row i, column j shows tap (i, j)'s weight at every LR pixel of
    /// channel <paramref name="channel"/>, maps separated by <paramref name="gap"/> black pixels.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not (N, 3, k*k, h, w).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index or the gap is out of range.</exception>
    public static PlanarImage TapMaps(Tensor kernels, int channel, int batchIndex = 0, int gap = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gap);
        var (values, k, h, w) = Read(kernels, channel, batchIndex);
        Scale(values);
        var image = new PlanarImage(1, (k * h) + ((k - 1) * gap), (k * w) + ((k - 1) * gap));
        for (int t = 0; t < k * k; t++)
        {
            int top = (t / k) * (h + gap), left = (t % k) * (w + gap);
            for (int y = 0; y < h; y++)
            {
                values.AsSpan((t * h * w) + (y * w), w).CopyTo(image.Row(0, top + y).Slice(left, w));
            }
        }

        return image;
    }

    /// <summary>
    /// Writes <c>{prefix}_mean_{r,g,b}.png</c> (<see cref="MeanKernel"/>) and <c>{prefix}_taps_{r,g,b}.png</c>
    /// (<see cref="TapMaps"/>) for image <paramref name="batchIndex"/> into <paramref name="folder"/>; returns the paths.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not (N, 3, k*k, h, w), or the prefix is empty.</exception>
    public static IReadOnlyList<string> Write(Tensor kernels, string folder, string prefix = "kernels", int batchIndex = 0, int cellSize = 16)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        for (int c = 0; c < 3; c++)
        {
            string mean = Path.Combine(folder, $"{prefix}_mean_{ChannelNames[c]}.png");
            ImageFile.WritePng(mean, MeanKernel(kernels, c, batchIndex, cellSize));
            string taps = Path.Combine(folder, $"{prefix}_taps_{ChannelNames[c]}.png");
            ImageFile.WritePng(taps, TapMaps(kernels, c, batchIndex));
            paths.Add(mean);
            paths.Add(taps);
        }

        return paths;
    }

    private static (float[] Values, int K, int H, int W) Read(Tensor kernels, int channel, int batchIndex)
    {
        ArgumentNullException.ThrowIfNull(kernels);
        long[] shape = kernels.shape;
        int k = shape.Length == 5 ? (int)Math.Round(Math.Sqrt(shape[2])) : 0;
        if (shape.Length != 5 || shape[1] != 3 || (long)k * k != shape[2] || shape[3] < 1 || shape[4] < 1)
        {
            throw new ArgumentException(
                $"Kernels have shape (N, 3, k*k, h, w), as AdkNet.PredictKernels returns them; these are [{string.Join(", ", shape)}].", nameof(kernels));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)channel, 3u, nameof(channel));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((ulong)batchIndex, (ulong)shape[0], nameof(batchIndex));
        using var scope = NewDisposeScope();
        float[] values = kernels[batchIndex, channel].detach().to(ScalarType.Float32, CPU).contiguous().data<float>().ToArray();
        return (values, k, (int)shape[3], (int)shape[4]);
    }

    /// <summary>Maps [min(0, lowest), highest] linearly onto [0, 1] in place.</summary>
    private static void Scale(Span<float> values)
    {
        float low = Math.Min(0f, System.Numerics.Tensors.TensorPrimitives.Min(values));
        float high = System.Numerics.Tensors.TensorPrimitives.Max(values);
        float range = high - low;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = range > 0 ? (values[i] - low) / range : 0f;
        }
    }
}
