using Downscale.Core.Wavelets;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Wavelets;

/// <summary>
/// Differentiable one-level 2D Haar DWT / IDWT on NCHW tensors, the TorchSharp twin of
/// <see cref="HaarTransform"/> with the same sub-band conventions (<see cref="HaarSubbands"/>): for each 2x2 block
/// <c>[[a, b], [c, d]]</c>, <c>A = f(a+b+c+d)</c>, <c>V = f(a−b+c−d)</c>, <c>H = f(a+b−c−d)</c>,
/// <c>D = f(a−b−c+d)</c>, with f = 1/2 (orthonormal, default) or 1/4 (average).
/// </summary>
/// <remarks>
/// The forward pass reads the four polyphase components with stride-2 slices; the inverse rebuilds them and
/// interleaves them with <c>pixel_shuffle(2)</c>. Both are plain autograd ops. Ownership: inputs are never disposed;
/// every returned tensor is a fresh handle owned by the caller's dispose scope.
/// </remarks>
public static class HaarWavelet
{
    /// <summary>Splits an N x C x H x W tensor (H, W even) into A, V, H, D of N x C x H/2 x W/2.</summary>
    /// <exception cref="ArgumentException">Not 4-D, or an odd height or width.</exception>
    public static (Tensor A, Tensor V, Tensor H, Tensor D) Forward(Tensor input, HaarNormalization normalization = HaarNormalization.Orthonormal)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4 || input.shape[2] % 2 != 0 || input.shape[3] % 2 != 0)
        {
            throw new ArgumentException(
                $"The Haar DWT needs an N x C x H x W tensor with even H and W, got shape [{string.Join(", ", input.shape)}].", nameof(input));
        }

        double f = HaarTransform.ForwardScale(normalization);
        using var scope = NewDisposeScope();
        Tensor p00 = Polyphase(input, 0, 0), p01 = Polyphase(input, 0, 1);
        Tensor p10 = Polyphase(input, 1, 0), p11 = Polyphase(input, 1, 1);
        Tensor topSum = p00 + p01, bottomSum = p10 + p11;
        Tensor topDiff = p00 - p01, bottomDiff = p10 - p11;
        Tensor a = (topSum + bottomSum) * f;
        Tensor v = (topDiff + bottomDiff) * f;
        Tensor h = (topSum - bottomSum) * f;
        Tensor d = (topDiff - bottomDiff) * f;
        return (a.MoveToOuterDisposeScope(), v.MoveToOuterDisposeScope(), h.MoveToOuterDisposeScope(), d.MoveToOuterDisposeScope());
    }

    /// <summary>Rebuilds the N x C x 2h x 2w tensor from A, V, H, D of N x C x h x w.</summary>
    /// <exception cref="ArgumentException">The sub-bands are not 4-D or differ in shape.</exception>
    public static Tensor Inverse(Tensor a, Tensor v, Tensor h, Tensor d, HaarNormalization normalization = HaarNormalization.Orthonormal)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(d);
        if (a.dim() != 4 || !SameShape(a, v) || !SameShape(a, h) || !SameShape(a, d))
        {
            throw new ArgumentException(
                $"Haar sub-bands must be four N x C x h x w tensors of one shape, got [{string.Join(", ", a.shape)}], "
                + $"[{string.Join(", ", v.shape)}], [{string.Join(", ", h.shape)}], [{string.Join(", ", d.shape)}].");
        }

        double g = 1 / (4 * HaarTransform.ForwardScale(normalization));
        using var scope = NewDisposeScope();
        Tensor ah = a + h, am = a - h, vd = v + d, vm = v - d;
        Tensor p00 = (ah + vd) * g, p01 = (ah - vd) * g, p10 = (am + vm) * g, p11 = (am - vm) * g;
        long n = a.shape[0], c = a.shape[1], rows = a.shape[2], cols = a.shape[3];

        // pixel_shuffle maps channel 4k + 2i + j to offset (i, j) of output channel k.
        Tensor phases = stack([p00, p01, p10, p11], dim: 2).reshape(n, c * 4, rows, cols);
        return nn.functional.pixel_shuffle(phases, 2).MoveToOuterDisposeScope();
    }

    private static Tensor Polyphase(Tensor input, long row, long column) =>
        input[TensorIndex.Ellipsis, TensorIndex.Slice(row, null, 2), TensorIndex.Slice(column, null, 2)];

    private static bool SameShape(Tensor x, Tensor y) => x.shape.AsSpan().SequenceEqual(y.shape);
}
