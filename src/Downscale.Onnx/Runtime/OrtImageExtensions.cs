using Downscale.Core.Imaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Downscale.Onnx.Runtime;

/// <summary>Converts between <see cref="PlanarImage"/> and ONNX Runtime's <see cref="OrtValue"/> in the NCHW layout models use.</summary>
public static class OrtImageExtensions
{
    /// <summary>
    /// A 1 x C x H x W float tensor <see cref="OrtValue"/> <b>over the image's own buffer</b>, without a copy: the
    /// memory is pinned until the value is disposed, and writes through either side are visible in the other. Do not
    /// change the image while a session reads the value. The caller disposes the value.
    /// </summary>
    public static OrtValue ToOrtValue(this PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, image.Data, [1, image.Channels, image.Height, image.Width]);
    }

    /// <summary>
    /// Copies a float tensor of shape [1, C, H, W] or [C, H, W] (typically a session output, whose memory ONNX Runtime
    /// owns and frees with the value) into a new <see cref="PlanarImage"/>. One copy, so the image outlives the value.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not a float tensor of one of those shapes.</exception>
    public static PlanarImage ToPlanarImage(this OrtValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.IsTensor)
        {
            throw new ArgumentException($"An image must come from a tensor, not a {value.OnnxType} value.", nameof(value));
        }

        OrtTensorTypeAndShapeInfo info = value.GetTensorTypeAndShape();
        if (info.ElementDataType != TensorElementType.Float)
        {
            throw new ArgumentException($"An image tensor holds float32 values; this one holds {info.ElementDataType}.", nameof(value));
        }

        long[] shape = info.Shape;
        if (!(shape.Length == 3 || (shape.Length == 4 && shape[0] == 1)))
        {
            throw new ArgumentException(
                $"An image tensor has shape [1, C, H, W] or [C, H, W]; this one is [{string.Join(", ", shape)}].", nameof(value));
        }

        var image = new PlanarImage(checked((int)shape[^3]), checked((int)shape[^2]), checked((int)shape[^1]));
        value.GetTensorDataAsSpan<float>().CopyTo(image.Data.Span);
        return image;
    }
}
