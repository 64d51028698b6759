using Downscale.Core.Imaging;

namespace Downscale.Tests;

/// <summary>Deterministic images and file edits shared by the imaging tests.</summary>
internal static partial class TestImages
{
    /// <summary>A smooth colour image (gradients), which JPEG encodes with small error.</summary>
    public static PlanarImage Smooth(int height, int width)
    {
        var image = new PlanarImage(3, height, width);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                image.Row(0, y)[x] = (float)x / width;
                image.Row(1, y)[x] = (float)y / height;
                image.Row(2, y)[x] = 0.5f + (0.25f * MathF.Sin(x * 0.1f));
            }
        }

        return image;
    }

    /// <summary>An image whose four quadrants are red, green, blue and white (top-left, top-right, bottom-left, bottom-right).</summary>
    public static PlanarImage Quadrants(int height, int width)
    {
        var image = new PlanarImage(3, height, width);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                (float r, float g, float b) = (y < height / 2, x < width / 2) switch
                {
                    (true, true) => (1f, 0f, 0f),
                    (true, false) => (0f, 1f, 0f),
                    (false, true) => (0f, 0f, 1f),
                    _ => (1f, 1f, 1f),
                };
                image.Row(0, y)[x] = r;
                image.Row(1, y)[x] = g;
                image.Row(2, y)[x] = b;
            }
        }

        return image;
    }

    /// <summary>The first <paramref name="fraction"/> of a file's bytes.</summary>
    public static byte[] Truncated(byte[] bytes, double fraction) => bytes[..(int)(bytes.Length * fraction)];

    /// <summary>A copy with <paramref name="count"/> bytes from <paramref name="offset"/> XOR-ed with 0x5A.</summary>
    public static byte[] Flipped(byte[] bytes, int offset, int count)
    {
        byte[] copy = (byte[])bytes.Clone();
        for (int i = offset; i < offset + count; i++)
        {
            copy[i] ^= 0x5A;
        }

        return copy;
    }

    /// <summary>Mean absolute difference of two images of the same shape.</summary>
    public static double MeanAbsoluteDifference(PlanarImage a, PlanarImage b)
    {
        Assert.True(a.SameShape(b), $"{a} vs {b}");
        ReadOnlySpan<float> x = a.Data.Span;
        ReadOnlySpan<float> y = b.Data.Span;
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Abs(x[i] - y[i]);
        }

        return sum / x.Length;
    }
}
