using System.Buffers;
using System.Numerics.Tensors;
using Downscale.Core.Imaging.Codecs;

namespace Downscale.Core.Imaging;

/// <summary>
/// Turns decoded samples (1 gray, 2 gray + alpha, 3 RGB, 4 RGBA) into planes according to
/// <see cref="ImageReadOptions.Alpha"/> and <see cref="ImageReadOptions.Gray"/>.
/// </summary>
/// <remarks>
/// Dropping alpha and expanding gray happen in the channel map of the conversion itself, so they cost no copy.
/// Compositing needs alpha, so it converts colour and alpha planes first and blends in place.
/// </remarks>
internal static class ChannelRules
{
    /// <summary>The planes that <paramref name="options"/> ask for, from an image with <paramref name="channels"/> stored channels.</summary>
    public static int OutputChannels(int channels, ImageReadOptions options)
    {
        bool alpha = channels is 2 or 4;
        int colour = alpha ? channels - 1 : channels;
        int planes = colour == 1 && options.Gray == GrayMode.ExpandToRgb ? 3 : colour;
        return alpha && options.Alpha == AlphaMode.Keep ? planes + 1 : planes;
    }

    /// <summary>Converts <paramref name="decoded"/> to a planar image following <paramref name="options"/>.</summary>
    public static PlanarImage ToPlanar(DecodedImage decoded, ImageReadOptions options)
    {
        int channels = decoded.Channels;
        bool alpha = channels is 2 or 4;
        bool gray = channels <= 2;
        bool expand = gray && options.Gray == GrayMode.ExpandToRgb;
        int alphaIndex = channels - 1;

        if (alpha && options.Alpha == AlphaMode.Composite)
        {
            int[] sources = gray ? [0, alphaIndex] : [0, 1, 2, alphaIndex];
            var withAlpha = new PlanarImage(sources.Length, decoded.Height, decoded.Width);
            decoded.CopyTo(withAlpha, sources);
            RgbColor background = options.Background;
            float[] backgroundPerPlane = gray ? [background.Luma] : [background.R, background.G, background.B];
            CompositeInPlace(withAlpha, backgroundPerPlane);
            PlanarImage colour = withAlpha.ChannelView(0, sources.Length - 1);
            return expand ? Replicate(colour, 3) : colour;
        }

        var map = new List<int>(4);
        map.AddRange(gray ? (expand ? [0, 0, 0] : [0]) : [0, 1, 2]);
        if (alpha && options.Alpha == AlphaMode.Keep)
        {
            map.Add(alphaIndex);
        }

        var image = new PlanarImage(map.Count, decoded.Height, decoded.Width);
        decoded.CopyTo(image, map.ToArray());
        return image;
    }

    /// <summary>
    /// Blends the colour planes of <paramref name="image"/> (alpha is its last plane) over a background:
    /// <c>c = a * c + (1 - a) * background</c> in float32, exact at a = 0 and a = 1.
    /// </summary>
    internal static void CompositeInPlace(PlanarImage image, ReadOnlySpan<float> backgroundPerPlane)
    {
        int colourPlanes = image.Channels - 1;
        ReadOnlySpan<float> alpha = image.Plane(colourPlanes);
        float[] rented = ArrayPool<float>.Shared.Rent(image.PlaneLength);
        try
        {
            Span<float> transparency = rented.AsSpan(0, image.PlaneLength);
            TensorPrimitives.Subtract(1f, alpha, transparency);
            for (int c = 0; c < colourPlanes; c++)
            {
                Span<float> plane = image.Plane(c);
                TensorPrimitives.Multiply(plane, alpha, plane);
                for (int i = 0; i < plane.Length; i++)
                {
                    plane[i] += transparency[i] * backgroundPerPlane[c];
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static PlanarImage Replicate(PlanarImage single, int planes)
    {
        var result = new PlanarImage(planes, single.Height, single.Width);
        for (int c = 0; c < planes; c++)
        {
            single.Plane(0).CopyTo(result.Plane(c));
        }

        return result;
    }
}
