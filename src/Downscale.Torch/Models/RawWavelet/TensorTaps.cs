using Downscale.Core.Raw;
using static TorchSharp.torch;

namespace Downscale.Torch.Models.RawWavelet;

/// <summary>
/// Applies an <see cref="AxisTaps"/> table along one axis of an N x C x H x W tensor as a gather and a weighted sum, so
/// that the resampling is part of the autograd graph and runs on the tensor's device.
/// </summary>
internal static class TensorTaps
{
    /// <summary>The tensor resampled along <paramref name="dim"/> (2: rows, 3: columns); a fresh tensor.</summary>
    /// <exception cref="ArgumentException">The table's input length is not the tensor's size along the axis.</exception>
    public static Tensor Apply(Tensor x, AxisTaps taps, int dim)
    {
        if (x.shape[dim] != taps.InputLength)
        {
            throw new ArgumentException(
                $"The taps resample {taps.InputLength} samples, but axis {dim} of [{string.Join(", ", x.shape)}] has {x.shape[dim]}.", nameof(x));
        }

        using var scope = NewDisposeScope();
        int outputs = taps.OutputLength, count = taps.TapCount;
        long[] indices = new long[outputs * count];
        for (int i = 0; i < outputs; i++)
        {
            for (int k = 0; k < count; k++)
            {
                indices[(i * count) + k] = taps.IndexOf(i, k);
            }
        }

        Tensor index = tensor(indices, device: x.device);
        if (taps.IsSelection)
        {
            // One unit weight per output: a plain gather (crops, replicated borders, integer grids).
            long[] picked = [.. Enumerable.Range(0, outputs).Select(i => indices[(i * count) + Enumerable.Range(0, count).First(k => taps.Weights[(i * count) + k] != 0f)])];
            return x.index_select(dim, tensor(picked, device: x.device)).MoveToOuterDisposeScope();
        }

        Tensor gathered = x.index_select(dim, index);
        Tensor weights = tensor([.. taps.Weights], dtype: x.dtype, device: x.device);
        Tensor result = dim == 2
            ? (gathered.view(x.shape[0], x.shape[1], outputs, count, x.shape[3]) * weights.view(1, 1, outputs, count, 1)).sum(3)
            : (gathered.view(x.shape[0], x.shape[1], x.shape[2], outputs, count) * weights.view(1, 1, 1, outputs, count)).sum(4);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>Rows with <paramref name="vertical"/>, then columns with <paramref name="horizontal"/>.</summary>
    public static Tensor Apply(Tensor x, AxisTaps vertical, AxisTaps horizontal)
    {
        using var scope = NewDisposeScope();
        return Apply(Apply(x, vertical, 2), horizontal, 3).MoveToOuterDisposeScope();
    }
}
