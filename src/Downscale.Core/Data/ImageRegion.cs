using Downscale.Core.Imaging;

namespace Downscale.Core.Data;

/// <summary>Copies a rectangle out of a <see cref="PlanarImage"/> (all channels).</summary>
internal static class ImageRegion
{
    /// <summary>The <paramref name="height"/> x <paramref name="width"/> region whose top-left pixel is (<paramref name="top"/>, <paramref name="left"/>).</summary>
    public static PlanarImage Copy(PlanarImage image, int top, int left, int height, int width)
    {
        if (top < 0 || left < 0 || height <= 0 || width <= 0 || top + height > image.Height || left + width > image.Width)
        {
            throw new ArgumentOutOfRangeException(
                nameof(top), $"Region {height}x{width} at ({top}, {left}) is outside the {image.Height}x{image.Width} image.");
        }

        if (top == 0 && left == 0 && height == image.Height && width == image.Width)
        {
            return image;
        }

        var result = new PlanarImage(image.Channels, height, width);
        for (int c = 0; c < image.Channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                image.Row(c, top + y).Slice(left, width).CopyTo(result.Row(c, y));
            }
        }

        return result;
    }
}
