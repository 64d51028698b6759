using Downscale.Core.Imaging;

namespace Downscale.Core.Tests.Resampling;

/// <summary>Differences between our float images and 8-bit or float references.</summary>
internal static class PixelCompare
{
    /// <summary>floor(255·v + 0.5), saturated: the rounding every encoder in this project uses.</summary>
    public static byte ToByte(float v) => (byte)Math.Clamp(MathF.Floor((v * 255f) + 0.5f), 0f, 255f);

    /// <summary>Max and mean absolute difference, in LSB, between an image and HWC bytes.</summary>
    public static (int Max, double Mean) AgainstBytes(PlanarImage image, byte[] hwc)
    {
        Assert.Equal(image.PlaneLength * image.Channels, hwc.Length);
        ReadOnlySpan<float> data = image.Data.Span;
        int max = 0;
        long total = 0;
        for (int i = 0; i < image.PlaneLength; i++)
        {
            for (int c = 0; c < image.Channels; c++)
            {
                int d = Math.Abs(ToByte(data[(c * image.PlaneLength) + i]) - hwc[(i * image.Channels) + c]);
                max = Math.Max(max, d);
                total += d;
            }
        }

        return (max, (double)total / hwc.Length);
    }

    /// <summary>Max absolute difference between two byte buffers.</summary>
    public static int MaxDiff(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Assert.Equal(a.Length, b.Length);
        int max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }

    /// <summary>Max absolute difference between two images of one shape.</summary>
    public static double MaxDiff(PlanarImage a, PlanarImage b)
    {
        Assert.True(a.SameShape(b), $"{a} vs {b}");
        ReadOnlySpan<float> x = a.Data.Span, y = b.Data.Span;
        double max = 0;
        for (int i = 0; i < x.Length; i++)
        {
            max = Math.Max(max, Math.Abs((double)x[i] - y[i]));
        }

        return max;
    }

    /// <summary>An image to HWC bytes.</summary>
    public static byte[] ToHwcBytes(PlanarImage image)
    {
        var bytes = new byte[image.PlaneLength * image.Channels];
        ReadOnlySpan<float> data = image.Data.Span;
        for (int i = 0; i < image.PlaneLength; i++)
        {
            for (int c = 0; c < image.Channels; c++)
            {
                bytes[(i * image.Channels) + c] = ToByte(data[(c * image.PlaneLength) + i]);
            }
        }

        return bytes;
    }
}
