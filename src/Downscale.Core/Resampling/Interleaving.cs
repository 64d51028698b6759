using Downscale.Core.Imaging;

namespace Downscale.Core.Resampling;

/// <summary>Conversions between 8-bit interleaved (HWC) pixels and planar float images in [0, 1].</summary>
internal static class Interleaving
{
    /// <summary>HWC bytes to a CHW image, value / 255.</summary>
    public static PlanarImage ToPlanar(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        var image = new PlanarImage(channels, height, width);
        Span<float> data = image.Data.Span;
        int plane = image.PlaneLength;
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                data[(c * plane) + i] = pixels[(i * channels) + c] / 255f;
            }
        }

        return image;
    }

    /// <summary>A CHW image to HWC bytes: floor(255·v + 0.5), saturated.</summary>
    public static void FromPlanar(PlanarImage image, Span<byte> pixels)
    {
        ReadOnlySpan<float> data = image.Data.Span;
        int plane = image.PlaneLength;
        int channels = image.Channels;
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                pixels[(i * channels) + c] = (byte)Math.Clamp(MathF.Floor((data[(c * plane) + i] * 255f) + 0.5f), 0f, 255f);
            }
        }
    }
}
