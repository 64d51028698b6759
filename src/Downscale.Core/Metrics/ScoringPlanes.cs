using System.Buffers;
using System.Numerics.Tensors;
using Downscale.Core.Color;
using Downscale.Core.Imaging;

namespace Downscale.Core.Metrics;

/// <summary>
/// An image made ready for scoring: quantised (optionally), border-cropped, scaled to 0-255 and widened to float64,
/// one plane per channel, plus the BT.601 luma plane last when asked for. The storage is rented; dispose to return it.
/// </summary>
internal sealed class ScoringPlanes : IDisposable
{
    private double[]? _buffer;

    private ScoringPlanes(double[] buffer, int count, int height, int width, bool hasLuma)
    {
        _buffer = buffer;
        Count = count;
        Height = height;
        Width = width;
        HasLuma = hasLuma;
    }

    /// <summary>Number of planes (the image's channels, plus one when <see cref="HasLuma"/>).</summary>
    public int Count { get; }

    /// <summary>Rows per plane after cropping.</summary>
    public int Height { get; }

    /// <summary>Columns per row after cropping.</summary>
    public int Width { get; }

    /// <summary>Elements per plane.</summary>
    public int PlaneLength => Height * Width;

    /// <summary>True when the last plane is the luma.</summary>
    public bool HasLuma { get; }

    /// <summary>Number of colour planes (without the luma).</summary>
    public int ColorCount => HasLuma ? Count - 1 : Count;

    /// <summary>Plane <paramref name="index"/>; the luma is at <c>Count - 1</c> when <see cref="HasLuma"/>.</summary>
    public ReadOnlyMemory<double> Plane(int index)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        return new ReadOnlyMemory<double>(_buffer, index * PlaneLength, PlaneLength);
    }

    /// <summary>Prepares <paramref name="image"/>: crop, quantise, scale by 255, float64, and the luma when asked.</summary>
    /// <remarks>Callers validate first (<see cref="QualityInputs.Validate"/>).</remarks>
    public static ScoringPlanes Prepare(PlanarImage image, QualityOptions options, bool withLuma)
    {
        int crop = options.CropBorder;
        int height = image.Height - (2 * crop), width = image.Width - (2 * crop);
        int planeLength = height * width;
        int count = image.Channels + (withLuma ? 1 : 0);
        double[] buffer = ArrayPool<double>.Shared.Rent(count * planeLength);
        float[] scratch = ArrayPool<float>.Shared.Rent(width);
        try
        {
            for (int c = 0; c < image.Channels; c++)
            {
                for (int y = 0; y < height; y++)
                {
                    ReadOnlySpan<float> source = image.Row(c, crop + y).Slice(crop, width);
                    Span<double> target = buffer.AsSpan((c * planeLength) + (y * width), width);
                    WidenRow(source, target, scratch.AsSpan(0, width), options.QuantizeTo8Bit);
                }
            }

            if (withLuma)
            {
                YCbCr.LumaFrom8BitScale(
                    buffer.AsSpan(0, planeLength),
                    buffer.AsSpan(planeLength, planeLength),
                    buffer.AsSpan(2 * planeLength, planeLength),
                    buffer.AsSpan(3 * planeLength, planeLength));
            }
        }
        catch
        {
            ArrayPool<double>.Shared.Return(buffer);
            throw;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }

        return new ScoringPlanes(buffer, count, height, width, withLuma);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private static void WidenRow(ReadOnlySpan<float> source, Span<double> target, Span<float> scratch, bool quantize)
    {
        if (quantize)
        {
            // The same float32 steps as the 8-bit PNG encoder (ImageFile.WritePng): clamp(floor(255 x + 0.5), 0, 255),
            // so that scoring in memory equals scoring the saved file, and an image read from an 8-bit file is exact.
            TensorPrimitives.Multiply(source, 255f, scratch);
            TensorPrimitives.Add(scratch, 0.5f, scratch);
            TensorPrimitives.Floor(scratch, scratch);
            TensorPrimitives.Clamp(scratch, 0f, 255f, scratch);
            TensorPrimitives.ConvertChecked<float, double>(scratch, target);
        }
        else
        {
            TensorPrimitives.ConvertChecked<float, double>(source, target);
            TensorPrimitives.Multiply(target, 255.0, target);
        }
    }
}
