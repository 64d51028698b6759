using Downscale.Core.Imaging;

namespace Downscale.Core.Raw;

/// <summary>Samples a full-colour image through a Bayer colour filter array.</summary>
public static class BayerMosaic
{
    /// <summary>
    /// Keeps, at each pixel, the one colour the CFA lets through: <c>mosaic(y, x) = rgb[color(y, x)](y, x)</c>.
    /// </summary>
    /// <param name="rgb">A 3 x H x W image (planes R, G, B) with even H and W.</param>
    /// <param name="pattern">The CFA pattern.</param>
    /// <returns>A 1 x H x W mosaic.</returns>
    /// <exception cref="ArgumentException">Not 3 channels, or an odd size.</exception>
    public static PlanarImage FromRgb(PlanarImage rgb, CfaPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (rgb.Channels != 3)
        {
            throw new ArgumentException($"Mosaicking needs a 3-channel RGB image, got {rgb.Channels} channels.", nameof(rgb));
        }

        BayerPacking.RequireEvenSize(rgb.Height, rgb.Width, nameof(rgb));
        var mosaic = new PlanarImage(1, rgb.Height, rgb.Width);
        for (int y = 0; y < rgb.Height; y++)
        {
            Span<float> target = mosaic.Row(0, y);
            for (int phase = 0; phase < 2; phase++)
            {
                ReadOnlySpan<float> source = rgb.Row((int)pattern.ColorAt(y, phase), y);
                for (int x = phase; x < target.Length; x += 2)
                {
                    target[x] = source[x];
                }
            }
        }

        return mosaic;
    }
}
