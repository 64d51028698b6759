using System.Globalization;

namespace Downscale.Core.Imaging.Codecs;

/// <summary>
/// Identifies a file's format from its first bytes, before any native decoder sees it, and refuses empty files and
/// formats we do not support with a message that names them.
/// </summary>
internal static class FormatSniffer
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Returns the format of <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ImageFormatException">The file is empty, too short, or not PNG or JPEG.</exception>
    public static ImageFileFormat Detect(string path)
    {
        Span<byte> head = stackalloc byte[16];
        int length;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1))
        {
            length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        return Detect(path, head[..length]);
    }

    /// <summary>Returns the format of a file whose first bytes are <paramref name="head"/> (up to 16).</summary>
    internal static ImageFileFormat Detect(string path, ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            throw new ImageFormatException(path, "the file is empty (0 bytes).");
        }

        if (head.Length >= PngSignature.Length && head.StartsWith(PngSignature))
        {
            return ImageFileFormat.Png;
        }

        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return ImageFileFormat.Jpeg;
        }

        if (PngSignature.StartsWith(head) || (head.Length < 3 && head[0] == 0xFF))
        {
            throw new ImageFormatException(path, $"the file is truncated: only {head.Length} bytes, not even a complete signature.");
        }

        string? known = NameUnsupported(head);
        throw new ImageFormatException(
            path,
            known is not null
                ? $"{known} files are not supported; convert to PNG or JPEG."
                : $"not a PNG or JPEG file (it starts with {Hex(head[..Math.Min(8, head.Length)])}).");
    }

    private static string? NameUnsupported(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("GIF8"u8))
        {
            return "GIF";
        }

        if (head.StartsWith("BM"u8))
        {
            return "BMP";
        }

        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8))
        {
            return "TIFF (or camera RAW)";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "WebP";
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return "HEIF/AVIF";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x4F, 0xFF, 0x51]))
        {
            return "JPEG 2000";
        }

        return head.StartsWith("qoif"u8) ? "QOI" : null;
    }

    private static string Hex(ReadOnlySpan<byte> bytes) =>
        string.Join(' ', bytes.ToArray().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
}
