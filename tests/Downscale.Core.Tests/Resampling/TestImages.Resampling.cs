using Downscale.Core.Imaging;

namespace Downscale.Tests;

/// <summary>Deterministic images for the resampling tests.</summary>
internal static partial class TestImages
{
    /// <summary>Uniform noise in [0, 1] with a few hard edges (so that clamps and lobes act).</summary>
    public static PlanarImage RandomWithEdges(int channels, int height, int width, int seed)
    {
        var random = new Random(seed);
        var image = new PlanarImage(channels, height, width);
        Span<float> data = image.Data.Span;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle();
        }

        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                image.Row(c, y)[width / 2] = y % 2 == 0 ? 1f : 0f;
            }
        }

        return image;
    }

    /// <summary>Seeded random bytes.</summary>
    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A constant image.</summary>
    public static PlanarImage Constant(int channels, int height, int width, float value)
    {
        var image = new PlanarImage(channels, height, width);
        image.Data.Span.Fill(value);
        return image;
    }
}
