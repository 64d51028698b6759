using System.Numerics.Tensors;
using Microsoft.ML.Data;

using Downscale.Core.Imaging;

namespace Downscale.MLNet.Imaging;

/// <summary>
/// Converts between <see cref="PlanarImage"/> and ML.NET's <see cref="MLImage"/>, the column type of
/// <c>LoadImages</c>, <c>ResizeImages</c> and <c>ExtractPixels</c>, so our stages interoperate with them.
/// </summary>
/// <remarks>
/// <para>
/// An <see cref="MLImage"/> holds 8-bit BGRA or RGBA with <b>premultiplied</b> alpha (SkiaSharp's convention:
/// <c>LoadImages</c> stores colour x alpha). Opaque pixels are unaffected, and for them both directions are exact:
/// <c>ToPlanarImage</c> gives <c>v / 255</c> like <see cref="ImageFile.Read(string)"/>, and <c>ToMLImage</c> quantizes
/// with the rule of <see cref="InterleavedPixels"/> (round half up, clamp).
/// </para>
/// <para>
/// Translucent pixels: <see cref="AlphaMode.Drop"/> and <see cref="AlphaMode.Keep"/> un-premultiply (colour / alpha,
/// 0 where alpha is 0; 8-bit premultiplication has already lost some precision there), and
/// <see cref="AlphaMode.Composite"/> computes <c>premultiplied + (1 - alpha) * background</c>, which equals the file rule
/// <c>a * c + (1 - a) * background</c>. <c>ToMLImage</c> premultiplies 2 and 4-plane images before quantizing.
/// </para>
/// </remarks>
public static class MLImageConversions
{
    /// <summary>Converts to 3 RGB planes in [0, 1], dropping alpha (see the remarks for translucent pixels).</summary>
    public static PlanarImage ToPlanarImage(this MLImage image) => image.ToPlanarImage(AlphaMode.Drop, RgbColor.White);

    /// <summary>Converts to RGB planes in [0, 1], applying <paramref name="alpha"/> (composite over <paramref name="background"/>).</summary>
    /// <returns>3 planes, or 4 (RGBA, straight alpha) with <see cref="AlphaMode.Keep"/>.</returns>
    /// <exception cref="ArgumentException">The pixel format is neither BGRA nor RGBA.</exception>
    public static PlanarImage ToPlanarImage(this MLImage image, AlphaMode alpha, RgbColor background)
    {
        ArgumentNullException.ThrowIfNull(image);
        int[] rgbSources = ColourSources(image.PixelFormat);
        ReadOnlySpan<byte> pixels = image.Pixels;
        bool keep = alpha == AlphaMode.Keep;
        if (IsOpaque(pixels))
        {
            var opaque = new PlanarImage(keep ? 4 : 3, image.Height, image.Width);
            PixelConversion.Deinterleave(pixels, 4, keep ? [.. rgbSources, 3] : rgbSources, opaque);
            return opaque;
        }

        var planes = new PlanarImage(4, image.Height, image.Width);
        PixelConversion.Deinterleave(pixels, 4, [.. rgbSources, 3], planes);
        if (alpha == AlphaMode.Composite)
        {
            AddBackground(planes, background);
        }
        else
        {
            Unpremultiply(planes);
        }

        return keep ? planes : planes.ChannelView(0, 3);
    }

    /// <summary>
    /// Converts to a BGRA <see cref="MLImage"/>: 1 plane is gray, 2 gray + alpha, 3 RGB, 4 RGBA; alpha is 255 when absent.
    /// </summary>
    /// <exception cref="ArgumentException">The image has more than 4 planes.</exception>
    public static MLImage ToMLImage(this PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int[] map = image.Channels switch
        {
            1 => [0, 0, 0, PixelConversion.Opaque],
            2 => [0, 0, 0, 1],
            3 => [2, 1, 0, PixelConversion.Opaque],
            4 => [2, 1, 0, 3],
            _ => throw new ArgumentException($"An MLImage holds 1 to 4 planes; this image has {image.Channels}.", nameof(image)),
        };
        PlanarImage source = image.Channels is 2 or 4 ? Premultiplied(image) : image;
        byte[] bgra = new byte[(long)image.PlaneLength * 4];
        PixelConversion.Interleave<byte>(source, map, bgra);
        return MLImage.CreateFromPixels(image.Width, image.Height, MLPixelFormat.Bgra32, bgra);
    }

    private static int[] ColourSources(MLPixelFormat format) => format switch
    {
        MLPixelFormat.Bgra32 => [2, 1, 0],
        MLPixelFormat.Rgba32 => [0, 1, 2],
        _ => throw new ArgumentException($"MLImage pixel format {format} is not supported (Bgra32 and Rgba32 are).", nameof(format)),
    };

    private static bool IsOpaque(ReadOnlySpan<byte> pixels)
    {
        for (int i = 3; i < pixels.Length; i += 4)
        {
            if (pixels[i] != byte.MaxValue)
            {
                return false;
            }
        }

        return true;
    }

    private static void AddBackground(PlanarImage rgba, RgbColor background)
    {
        ReadOnlySpan<float> alpha = rgba.Plane(3);
        ReadOnlySpan<float> colour = [background.R, background.G, background.B];
        for (int c = 0; c < 3; c++)
        {
            Span<float> plane = rgba.Plane(c);
            for (int i = 0; i < plane.Length; i++)
            {
                plane[i] += (1f - alpha[i]) * colour[c];
            }
        }
    }

    private static void Unpremultiply(PlanarImage rgba)
    {
        ReadOnlySpan<float> alpha = rgba.Plane(3);
        for (int c = 0; c < 3; c++)
        {
            Span<float> plane = rgba.Plane(c);
            for (int i = 0; i < plane.Length; i++)
            {
                plane[i] = alpha[i] > 0f ? MathF.Min(plane[i] / alpha[i], 1f) : 0f;
            }
        }
    }

    private static PlanarImage Premultiplied(PlanarImage image)
    {
        PlanarImage copy = image.Clone();
        int last = copy.Channels - 1;
        ReadOnlySpan<float> alpha = copy.Plane(last);
        for (int c = 0; c < last; c++)
        {
            // Clamp first so that premultiplied colour never exceeds alpha, the invariant SkiaSharp relies on.
            Span<float> plane = copy.Plane(c);
            TensorPrimitives.MaxNumber(plane, 0f, plane);
            TensorPrimitives.Min(plane, 1f, plane);
            TensorPrimitives.Multiply(plane, alpha, plane);
        }

        return copy;
    }
}
