using Downscale.Core.IO;

namespace Downscale.Core.Raw;

/// <summary>A decoded single-channel 16-bit image: row-major codes.</summary>
internal readonly record struct Gray16Image(ushort[] Pixels, int Height, int Width);

/// <summary>
/// The one codec seam of the RAW code: single-channel 16-bit PNG decode and encode.
/// </summary>
/// <remarks>
/// TODO(merge): route through ImageFile once 16-bit lands. Until then libvips (NetVips) decodes and encodes here,
/// so that switching is a change of these two method bodies.
/// </remarks>
internal static class Png16
{
    /// <summary>Decodes a 1-channel 16-bit PNG to its exact codes.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a decodable PNG, or not single-channel 16-bit.</exception>
    public static Gray16Image Read16BitGray(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"RAW mosaic '{path}' does not exist.", path);
        }

        // TODO(merge): route through ImageFile once 16-bit lands
        try
        {
            using var image = NetVips.Image.NewFromFile(path, access: NetVips.Enums.Access.Sequential, failOn: NetVips.Enums.FailOn.Error);
            if (image.Bands != 1 || image.Format != NetVips.Enums.BandFormat.Ushort)
            {
                throw new InvalidDataException(
                    $"RAW mosaic '{path}' has {image.Bands} band(s) of {image.Format}; the raw protocol stores one 16-bit channel.");
            }

            ushort[] pixels = image.WriteToMemory<ushort>();
            return new Gray16Image(pixels, image.Height, image.Width);
        }
        catch (NetVips.VipsException e)
        {
            throw new InvalidDataException($"RAW mosaic '{path}' could not be decoded as a PNG: {e.Message.Trim()}", e);
        }
    }

    /// <summary>Encodes row-major codes as a 1-channel 16-bit PNG, atomically.</summary>
    public static void Write16BitGray(string path, ushort[] pixels, int height, int width)
    {
        // TODO(merge): route through ImageFile once 16-bit lands
        using var raw = NetVips.Image.NewFromMemory(pixels, width, height, 1, NetVips.Enums.BandFormat.Ushort);
        using var grey = raw.Copy(interpretation: NetVips.Enums.Interpretation.Grey16);
        byte[] png = grey.PngsaveBuffer(compression: 6, bitdepth: 16);
        AtomicFile.WriteAllBytes(path, png);
    }
}
