using Downscale.Core.Imaging;

namespace Downscale.Tests;

/// <summary>Seeded synthetic images shared by the test projects.</summary>
internal static partial class TestImages
{
    /// <summary>Random samples in [0, <paramref name="max"/>].</summary>
    public static ushort[] RandomSamples(int count, int max, int seed)
    {
        var random = new Random(seed);
        var samples = new ushort[count];
        for (int i = 0; i < count; i++)
        {
            samples[i] = (ushort)random.Next(max + 1);
        }

        return samples;
    }

    /// <summary>Uniform random values in [0, 1] (not 8-bit), seeded.</summary>
    public static PlanarImage Random(int channels, int height, int width, int seed)
    {
        var random = new Random(seed);
        var image = new PlanarImage(channels, height, width);
        Span<float> data = image.Data.Span;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle();
        }

        return image;
    }

    /// <summary>A copy of <paramref name="image"/> with seeded noise of amplitude <paramref name="amplitude"/>, clamped to [0, 1].</summary>
    public static PlanarImage Noisy(PlanarImage image, float amplitude, int seed)
    {
        var random = new Random(seed);
        PlanarImage copy = image.Clone();
        Span<float> data = copy.Data.Span;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = Math.Clamp(data[i] + (amplitude * ((2 * random.NextSingle()) - 1)), 0f, 1f);
        }

        return copy;
    }

    /// <summary>Plane <paramref name="channel"/> as 255 * value in float64, optionally rounded half up to 8-bit values.</summary>
    public static double[,] Scaled(PlanarImage image, int channel, bool quantize)
    {
        var result = new double[image.Height, image.Width];
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                float v = image.Row(channel, y)[x];
                result[y, x] = quantize ? Math.Clamp(MathF.Floor((v * 255f) + 0.5f), 0f, 255f) : v * 255.0;
            }
        }

        return result;
    }

    /// <summary>The largest absolute difference between two images of the same shape (asserts the shapes match).</summary>
    public static double MaxAbsDifference(PlanarImage a, PlanarImage b)
    {
        Assert.True(a.SameShape(b), $"{a} vs {b}");
        ReadOnlySpan<float> x = a.Data.Span;
        ReadOnlySpan<float> y = b.Data.Span;
        double max = 0;
        for (int i = 0; i < x.Length; i++)
        {
            max = Math.Max(max, Math.Abs(x[i] - y[i]));
        }

        return max;
    }
}
