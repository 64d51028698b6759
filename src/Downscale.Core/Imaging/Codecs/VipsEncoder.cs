using Downscale.Core.IO;
using NetVips;

namespace Downscale.Core.Imaging.Codecs;

/// <summary>Encodes PNG (8 or 16-bit) and JPEG through libvips, writing the file atomically.</summary>
internal static class VipsEncoder
{
    /// <summary>PNG zlib level: libvips' default, a fair balance of size and speed for training data.</summary>
    private const int PngCompression = 6;

    /// <summary>
    /// Quantizes <paramref name="image"/> (1 gray, 2 gray + alpha, 3 RGB, 4 RGBA planes) with the documented rounding
    /// rule and writes it to <paramref name="path"/> in <paramref name="format"/>.
    /// </summary>
    public static void Write(string path, PlanarImage image, ImageFileFormat format, ImageWriteOptions options)
    {
        VipsRuntime.EnsureInitialized();
        bool wide = options.BitDepth == 16;
        using Image memory = wide
            ? Image.NewFromMemory(InterleavedPixels.ToInterleaved16(image), image.Width, image.Height, image.Channels, Enums.BandFormat.Ushort)
            : Image.NewFromMemory(InterleavedPixels.ToInterleaved8(image), image.Width, image.Height, image.Channels, Enums.BandFormat.Uchar);

        // Say what the samples are, so that libvips saves them as they are instead of converting colour spaces.
        Enums.Interpretation interpretation = (image.Channels <= 2, wide) switch
        {
            (true, true) => Enums.Interpretation.Grey16,
            (true, false) => Enums.Interpretation.Bw,
            (false, true) => Enums.Interpretation.Rgb16,
            (false, false) => Enums.Interpretation.Srgb,
        };
        using Image tagged = memory.Copy(interpretation: interpretation);
        AtomicFile.Write(path, stream =>
        {
            if (format == ImageFileFormat.Png)
            {
                tagged.PngsaveStream(stream, compression: PngCompression, bitdepth: options.BitDepth, keep: Enums.ForeignKeep.None);
            }
            else
            {
                tagged.JpegsaveStream(
                    stream, q: options.Quality, optimizeCoding: true, interlace: options.Progressive, keep: Enums.ForeignKeep.None);
            }
        });
    }
}
