using Downscale.Core.Imaging;

namespace Downscale.Core.Tests.Tiling;

/// <summary>Naive references for the tiling tests, written independently of the library's copy code.</summary>
internal static class TilingReference
{
    /// <summary>The top-left <paramref name="height"/> x <paramref name="width"/> pixels.</summary>
    public static PlanarImage Crop(PlanarImage image, int height, int width) =>
        Build(image.Channels, height, width, (c, y, x) => image.Row(c, y)[x]);

    /// <summary>NumPy's <c>np.pad(mode="reflect")</c> at the bottom and right only.</summary>
    public static PlanarImage ReflectPad(PlanarImage image, int height, int width) =>
        Build(image.Channels, height, width, (c, y, x) =>
            image.Row(c, y < image.Height ? y : (2 * image.Height) - 2 - y)[x < image.Width ? x : (2 * image.Width) - 2 - x]);

    /// <summary>Two planes: x / (W - 1) and y / (H - 1) of every pixel of the whole image (a stand-in for field coordinates).</summary>
    public static PlanarImage Coordinates(int height, int width) =>
        Build(2, height, width, (c, y, x) => c == 0 ? x / (float)(width - 1) : y / (float)(height - 1));

    public static PlanarImage Concat(PlanarImage a, PlanarImage b) =>
        Build(a.Channels + b.Channels, a.Height, a.Width, (c, y, x) => c < a.Channels ? a.Row(c, y)[x] : b.Row(c - a.Channels, y)[x]);

    private static PlanarImage Build(int channels, int height, int width, Func<int, int, int, float> value)
    {
        var result = new PlanarImage(channels, height, width);
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    result.Row(c, y)[x] = value(c, y, x);
                }
            }
        }

        return result;
    }
}
