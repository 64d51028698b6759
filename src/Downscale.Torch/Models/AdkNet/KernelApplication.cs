using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Downscale.Torch.Models.AdkNet;

/// <summary>
/// Section III-F, eq. (5): each LR pixel is the weighted sum of a k x k window of the reflection-padded HR image,
/// with the pixel's own kernel per channel. Which HR pixel each tap reads is defined by <see cref="KernelWindow"/>.
/// </summary>
/// <remarks>
/// <para>Tap (i, j) of every LR pixel is one strided slice of the reflection-padded image (<c>padded[..., i::s, j::s]</c>,
/// a view), so three paths share one geometry:</para>
/// <list type="bullet">
/// <item>No autograd (inference): the k*k taps are accumulated in place; no patch tensor is materialised, so memory
/// stays at the size of the kernels.</item>
/// <item>Gradient to the kernels only (training: the HR image is data): the k*k views are stacked into the patch
/// tensor and multiplied with the kernels, so the kernels' gradient is one multiplication. No <c>unfold</c>, and no
/// <c>fold</c> (unfold's backward) ever runs.</item>
/// <item>Gradient to the image as well (ADK-Net behind another differentiable stage): <c>F.unfold</c>, because its
/// backward <c>fold</c> scatters all taps in one kernel, whereas k*k slice backwards each write a full padded-size
/// gradient (about 3x slower at s = 4).</item>
/// </list>
/// <para>Ownership follows TorchSharp's rule: inputs are never disposed, the result is a fresh tensor.</para>
/// </remarks>
public static class KernelApplication
{
    /// <summary>Resamples <paramref name="image"/> (N, C, H, W) with <paramref name="kernels"/> (N, G, k*k, h, w) into (N, C, h, w).</summary>
    /// <param name="image">The HR image; H and W are multiples of the scale.</param>
    /// <param name="kernels">Normalised kernels, G = C (one per channel) or 1 (the same for every channel).</param>
    /// <param name="window">Scale and kernel side.</param>
    /// <exception cref="ArgumentException">The shapes do not fit each other or the window.</exception>
    public static Tensor Apply(Tensor image, Tensor kernels, KernelWindow window)
    {
        Validate(image, kernels, window);
        bool differentiable = is_grad_enabled() && (image.requires_grad || kernels.requires_grad);
        using var scope = NewDisposeScope();
        Tensor result = !differentiable ? Accumulate(image, kernels, window)
            : image.requires_grad ? (UnfoldedPatches(image, window) * kernels).sum(2)
            : (Patches(image, window) * kernels).sum(2);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The (N, C, k*k, h, w) patch tensor: entry <c>[n, c, i*k + j, y, x]</c> is the HR pixel at row
    /// <c>Source(y, i)</c> and column <c>Source(x, j)</c> of <see cref="KernelWindow"/>. It is what <c>F.unfold</c>
    /// of the padded image gives, reshaped.
    /// </summary>
    /// <exception cref="ArgumentException">The image is not (N, C, H, W) with H and W multiples of the scale, or is too small to reflect.</exception>
    public static Tensor Patches(Tensor image, KernelWindow window)
    {
        ValidateImage(image, window);
        using var scope = NewDisposeScope();
        Tensor padded = Pad(image, window);
        var taps = new Tensor[window.Size * window.Size];
        for (int i = 0; i < window.Size; i++)
        {
            for (int j = 0; j < window.Size; j++)
            {
                taps[(i * window.Size) + j] = Tap(padded, image, window, i, j);
            }
        }

        return stack(taps, 2).MoveToOuterDisposeScope();
    }

    private static Tensor Accumulate(Tensor image, Tensor kernels, KernelWindow window)
    {
        Tensor padded = Pad(image, window);
        long s = window.Scale;
        Tensor result = zeros([image.shape[0], image.shape[1], image.shape[2] / s, image.shape[3] / s], image.dtype, image.device);
        for (int i = 0; i < window.Size; i++)
        {
            for (int j = 0; j < window.Size; j++)
            {
                using Tensor tap = Tap(padded, image, window, i, j);
                using Tensor weights = kernels.select(2, (i * window.Size) + j);
                result.addcmul_(tap, weights, 1);
            }
        }

        return result;
    }

    private static Tensor UnfoldedPatches(Tensor image, KernelWindow window)
    {
        long n = image.shape[0], c = image.shape[1], h = image.shape[2] / window.Scale, w = image.shape[3] / window.Scale;
        return F.unfold(Pad(image, window), window.Size, stride: window.Scale).view(n, c, (long)window.Size * window.Size, h, w);
    }

    /// <summary>
    /// The image as the taps see it: padded row r is HR row <c>r + Offset</c>, so that tap i of LR row y reads
    /// <c>y s + Offset + i</c>. A negative offset (k &gt; s) is reflection padding; a positive one (k &lt; s - 1, e.g.
    /// k = 2 at s = 4) skips the first Offset rows and columns, so that the window stays centred on the LR pixel's block.
    /// </summary>
    private static Tensor Pad(Tensor image, KernelWindow window)
    {
        Tensor padded = F.pad(image, [window.PadBefore, window.PadAfter, window.PadBefore, window.PadAfter], PaddingModes.Reflect);
        int skip = Math.Max(0, window.Offset);
        return skip == 0 ? padded : padded[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(skip, null), TensorIndex.Slice(skip, null)];
    }

    /// <summary>padded[:, :, i : i + (h-1) s + 1 : s, j : j + (w-1) s + 1 : s], a strided view.</summary>
    private static Tensor Tap(Tensor padded, Tensor image, KernelWindow window, int i, int j)
    {
        long s = window.Scale, h = image.shape[2] / s, w = image.shape[3] / s;
        return padded[TensorIndex.Colon, TensorIndex.Colon,
            TensorIndex.Slice(i, i + ((h - 1) * s) + 1, s), TensorIndex.Slice(j, j + ((w - 1) * s) + 1, s)];
    }

    private static void Validate(Tensor image, Tensor kernels, KernelWindow window)
    {
        ArgumentNullException.ThrowIfNull(kernels);
        ValidateImage(image, window);
        long[] shape = image.shape, k = kernels.shape;
        long h = shape[2] / window.Scale, w = shape[3] / window.Scale, taps = (long)window.Size * window.Size;
        if (k.Length != 5 || k[0] != shape[0] || (k[1] != shape[1] && k[1] != 1) || k[2] != taps || k[3] != h || k[4] != w)
        {
            throw new ArgumentException(
                $"Kernels for a [{string.Join(", ", shape)}] image at scale {window.Scale} with k = {window.Size} have shape " +
                $"[{shape[0]}, {shape[1]} or 1, {taps}, {h}, {w}]; these are [{string.Join(", ", k)}].",
                nameof(kernels));
        }
    }

    private static void ValidateImage(Tensor image, KernelWindow window)
    {
        ArgumentNullException.ThrowIfNull(image);
        long[] shape = image.shape;
        if (shape.Length != 4 || shape[2] % window.Scale != 0 || shape[3] % window.Scale != 0 || shape[2] == 0 || shape[3] == 0)
        {
            throw new ArgumentException(
                $"The HR image must be (N, C, H, W) with H and W positive multiples of the scale {window.Scale}; it is [{string.Join(", ", shape)}].",
                nameof(image));
        }

        int pad = Math.Max(window.PadBefore, window.PadAfter);
        if (pad >= Math.Min(shape[2], shape[3]))
        {
            throw new ArgumentException(
                $"A {window.Size}-tap window reflects {pad} pixels at the border, so the HR image needs more than {pad} rows and columns; it is {shape[2]}x{shape[3]}.",
                nameof(image));
        }
    }
}
