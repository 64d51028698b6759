using Downscale.Core.Imaging;

namespace Downscale.Core.Tiling;

/// <summary>The two copies tiling makes: an aligned region of the HR image into a tile, and a tile's valid LR rows into the output.</summary>
internal static class TileCopy
{
    /// <summary>
    /// Fills planes [<paramref name="firstChannel"/>, + source.Channels) of <paramref name="destination"/> with the
    /// destination-sized region at (<paramref name="top"/>, <paramref name="left"/>) of the <em>aligned</em> view of
    /// <paramref name="source"/>: rows and columns past the source's end are mirrored (see <see cref="SizePolicy.ReflectPad"/>).
    /// </summary>
    public static void ReadAligned(PlanarImage source, PlanarImage destination, int firstChannel, int top, int left)
    {
        int width = destination.Width;
        int direct = Math.Clamp(source.Width - left, 0, width);
        for (int c = 0; c < source.Channels; c++)
        {
            for (int y = 0; y < destination.Height; y++)
            {
                Span<float> from = source.Row(c, ScaleAlignment.Mirror(top + y, source.Height));
                Span<float> to = destination.Row(firstChannel + c, y);
                if (direct > 0)
                {
                    from.Slice(left, direct).CopyTo(to);
                }

                for (int x = direct; x < width; x++)
                {
                    to[x] = from[ScaleAlignment.Mirror(left + x, source.Width)];
                }
            }
        }
    }

    /// <summary>Copies the <paramref name="height"/> x <paramref name="width"/> block at (<paramref name="fromTop"/>, <paramref name="fromLeft"/>) of <paramref name="source"/> to (<paramref name="toTop"/>, <paramref name="toLeft"/>) of <paramref name="destination"/>, all planes.</summary>
    public static void WriteBlock(
        PlanarImage source, int fromTop, int fromLeft, PlanarImage destination, int toTop, int toLeft, int height, int width)
    {
        for (int c = 0; c < source.Channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                source.Row(c, fromTop + y).Slice(fromLeft, width).CopyTo(destination.Row(c, toTop + y).Slice(toLeft, width));
            }
        }
    }
}
