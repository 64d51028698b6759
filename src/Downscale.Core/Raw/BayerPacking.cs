using Downscale.Core.Imaging;

namespace Downscale.Core.Raw;

/// <summary>
/// Converts between a Bayer mosaic (a 1 x H x W <see cref="PlanarImage"/>) and its packed form
/// (4 x H/2 x W/2), the input layout of RAW models.
/// </summary>
/// <remarks>
/// The packed planes are always in the canonical order <b>[R, G1, G2, B]</b>, whatever the CFA pattern, so a model
/// sees the same colour in the same plane for every camera. G1 is the green that shares its rows with red, G2 the
/// green that shares its rows with blue. For RGGB this is plain raster order of each 2x2 block: R (0,0), G1 (0,1),
/// G2 (1,0), B (1,1); for BGGR it is R (1,1), G1 (1,0), G2 (0,1), B (0,0).
/// </remarks>
public static class BayerPacking
{
    /// <summary>Number of planes of a packed mosaic.</summary>
    public const int PackedChannels = 4;

    /// <summary>Packs a 1 x H x W mosaic into 4 x H/2 x W/2 planes [R, G1, G2, B].</summary>
    /// <exception cref="ArgumentException">The image has more than one channel, or an odd height or width.</exception>
    public static PlanarImage Pack(PlanarImage mosaic, CfaPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(mosaic);
        if (mosaic.Channels != 1)
        {
            throw new ArgumentException(
                $"A Bayer mosaic has one channel, got {mosaic.Channels}; pack the mosaic, not a demosaicked image.", nameof(mosaic));
        }

        RequireEvenSize(mosaic.Height, mosaic.Width, nameof(mosaic));
        var packed = new PlanarImage(PackedChannels, mosaic.Height / 2, mosaic.Width / 2);
        for (int plane = 0; plane < PackedChannels; plane++)
        {
            (int dy, int dx) = pattern.PackedSite(plane);
            for (int y = 0; y < packed.Height; y++)
            {
                ReadOnlySpan<float> source = mosaic.Row(0, (2 * y) + dy);
                Span<float> target = packed.Row(plane, y);
                for (int x = 0; x < target.Length; x++)
                {
                    target[x] = source[(2 * x) + dx];
                }
            }
        }

        return packed;
    }

    /// <summary>Unpacks 4 x h x w planes [R, G1, G2, B] into a 1 x 2h x 2w mosaic with the given pattern.</summary>
    /// <exception cref="ArgumentException">The image does not have exactly four channels.</exception>
    public static PlanarImage Unpack(PlanarImage packed, CfaPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(packed);
        if (packed.Channels != PackedChannels)
        {
            throw new ArgumentException(
                $"A packed mosaic has {PackedChannels} planes [R, G1, G2, B], got {packed.Channels}.", nameof(packed));
        }

        var mosaic = new PlanarImage(1, packed.Height * 2, packed.Width * 2);
        for (int plane = 0; plane < PackedChannels; plane++)
        {
            (int dy, int dx) = pattern.PackedSite(plane);
            for (int y = 0; y < packed.Height; y++)
            {
                ReadOnlySpan<float> source = packed.Row(plane, y);
                Span<float> target = mosaic.Row(0, (2 * y) + dy);
                for (int x = 0; x < source.Length; x++)
                {
                    target[(2 * x) + dx] = source[x];
                }
            }
        }

        return mosaic;
    }

    /// <summary>Throws unless both sizes are even and positive, which every Bayer operation needs.</summary>
    internal static void RequireEvenSize(int height, int width, string parameterName)
    {
        if ((height & 1) != 0 || (width & 1) != 0)
        {
            throw new ArgumentException(
                $"A Bayer mosaic needs an even height and width (whole 2x2 blocks), got {height}x{width}; "
                + "crop the last row or column first.",
                parameterName);
        }
    }
}
