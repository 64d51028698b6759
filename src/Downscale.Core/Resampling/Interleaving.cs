using Downscale.Core.Imaging;

namespace Downscale.Core.Resampling;

/// <summary>Conversions between 8-bit interleaved (HWC) pixels and planar float images in [0, 1].</summary>
internal static unsafe class Interleaving
{
    /// <summary>HWC bytes to a CHW image, value / 255.</summary>
    public static PlanarImage ToPlanar(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        var image = new PlanarImage(channels, height, width);
        int plane = image.PlaneLength;
        fixed (byte* from = pixels)
        fixed (float* to = image.Data.Span)
        {
            for (int c = 0; c < channels; c++)
            {
                byte* p = from + c;
                float* q = to + ((long)c * plane);
                for (int i = 0; i < plane; i++, p += channels)
                {
                    q[i] = *p / 255f;
                }
            }
        }

        return image;
    }

    /// <summary>A CHW image to HWC bytes: floor(255·v + 0.5), saturated.</summary>
    public static void FromPlanar(PlanarImage image, Span<byte> pixels)
    {
        int plane = image.PlaneLength;
        int channels = image.Channels;
        fixed (float* from = image.Data.Span)
        fixed (byte* to = pixels)
        {
            for (int c = 0; c < channels; c++)
            {
                float* p = from + ((long)c * plane);
                byte* q = to + c;
                for (int i = 0; i < plane; i++, q += channels)
                {
                    *q = (byte)Math.Clamp(MathF.Floor((p[i] * 255f) + 0.5f), 0f, 255f);
                }
            }
        }
    }
}
