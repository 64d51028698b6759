using Downscale.Core.Imaging;

namespace Downscale.Core.Raw;

/// <summary>A decoded single-channel 16-bit image: row-major codes.</summary>
internal readonly record struct Gray16Image(ushort[] Pixels, int Height, int Width);

/// <summary>
/// The RAW code's view of the codec layer: single-channel 16-bit PNGs as exact integer codes, through
/// <see cref="ImageFile"/> (which stores <c>v / 65535</c> exactly in float32, so the round trip to codes is lossless).
/// </summary>
internal static class Png16
{
    /// <summary>Decodes a 1-channel 16-bit PNG to its exact codes.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="ImageFormatException">Not a decodable PNG, or not single-channel 16-bit.</exception>
    public static Gray16Image Read16BitGray(string path)
    {
        PlanarImage image = ImageFile.ReadGray16(path);
        return new Gray16Image(InterleavedPixels.ToInterleaved16(image), image.Height, image.Width);
    }

    /// <summary>Encodes row-major codes as a 1-channel 16-bit PNG, atomically.</summary>
    public static void Write16BitGray(string path, ushort[] pixels, int height, int width) =>
        ImageFile.Write(
            path,
            InterleavedPixels.ToPlanar(pixels, height, width, channels: 1),
            ImageWriteOptions.Default with { Format = ImageFileFormat.Png, BitDepth = 16 });
}
