using System.Runtime.InteropServices;
using Downscale.Core.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Imaging;

/// <summary>Converts between <see cref="PlanarImage"/> and TorchSharp tensors in the NCHW layout models use.</summary>
/// <remarks>
/// Ownership follows TorchSharp's rule: these methods never dispose their inputs and always return a fresh handle
/// that the caller disposes (or that a dispose scope collects).
/// </remarks>
public static class TensorImageExtensions
{
    /// <summary>
    /// A 1 x C x H x W float32 CPU tensor over the image's pixels. When the image is backed by a managed array (every
    /// image this library creates, and its channel views), the tensor <b>shares</b> that memory through
    /// <c>torch.frombuffer</c>: no copy, writes through either side are visible in the other, and the array stays pinned
    /// until the tensor is disposed. Otherwise (memory owned by a custom <see cref="System.Buffers.MemoryManager{T}"/>)
    /// the pixels are copied once.
    /// </summary>
    public static Tensor ToTensor(this PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        long[] shape = [1, image.Channels, image.Height, image.Width];
        if (MemoryMarshal.TryGetArray((ReadOnlyMemory<float>)image.Data, out ArraySegment<float> segment) && segment.Array is not null)
        {
            using Tensor flat = torch.frombuffer(segment.Array, ScalarType.Float32, count: segment.Count, offset: segment.Offset);
            return flat.view(shape);
        }

        return torch.tensor(image.Data.ToArray(), shape, ScalarType.Float32);
    }

    /// <summary>
    /// Copies a 1 x C x H x W or C x H x W tensor into a new <see cref="PlanarImage"/> (one copy: the image owns managed
    /// memory, the tensor native memory). Tensors on another device, of another floating type, or not contiguous are
    /// moved, converted to float32 and made contiguous first, in temporaries that are disposed here.
    /// </summary>
    /// <exception cref="ArgumentException">The shape is not [1, C, H, W] or [C, H, W], or the type is not floating point.</exception>
    public static PlanarImage ToPlanarImage(this Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        long[] shape = tensor.shape;
        if (!(shape.Length == 3 || (shape.Length == 4 && shape[0] == 1)))
        {
            throw new ArgumentException(
                $"An image tensor has shape [1, C, H, W] or [C, H, W]; this one is [{string.Join(", ", shape)}].", nameof(tensor));
        }

        if (!tensor.is_floating_point())
        {
            throw new ArgumentException($"An image tensor holds floating-point values; this one is {tensor.dtype}.", nameof(tensor));
        }

        int channels = checked((int)shape[^3]);
        int height = checked((int)shape[^2]);
        int width = checked((int)shape[^1]);
        var image = new PlanarImage(channels, height, width);
        using (NewDisposeScope())
        {
            Tensor source = tensor.to(ScalarType.Float32, CPU).contiguous();
            source.data<float>().CopyTo(image.Data.Span);
        }

        return image;
    }
}
