using NetVips;

namespace Downscale.Core.Imaging.Codecs;

/// <summary>
/// Decodes PNG and JPEG through libvips (NetVips): a header-only open first (dimensions, bands, bit depth,
/// orientation), the pixel limit checked on that, then one streaming decode into native memory.
/// </summary>
/// <remarks>
/// Only the PNG and JPEG loaders are ever called, chosen from the sniffed signature, so a file cannot reach another
/// libvips loader by accident. Loads use sequential access (no whole-image cache inside libvips) and bypass the
/// operation cache (<c>revalidate</c>).
/// </remarks>
internal static class VipsDecoder
{
    /// <summary>Reads the header of <paramref name="path"/> without decoding pixels.</summary>
    public static ImageInfo ReadInfo(string path, ImageReadOptions options)
    {
        ImageFileFormat format = FormatSniffer.Detect(path);
        using Image image = OpenHeader(path, format, options);
        return Describe(path, format, image, options);
    }

    /// <summary>Decodes <paramref name="path"/> to interleaved samples, upright when the options say so.</summary>
    /// <exception cref="ImageTooLargeException">The header declares more pixels than <see cref="ImageReadOptions.MaxPixels"/>.</exception>
    /// <exception cref="ImageFormatException">The file is not a valid PNG or JPEG.</exception>
    public static DecodedImage Decode(string path, ImageReadOptions options)
    {
        ImageFileFormat format = FormatSniffer.Detect(path);
        using Image header = OpenHeader(path, format, options);
        ImageInfo info = Describe(path, format, header, options);
        if (info.PixelCount > options.MaxPixels)
        {
            throw new ImageTooLargeException(path, info.Width, info.Height, options.MaxPixels);
        }

        Image? upright = null;
        Image? srgb = null;
        try
        {
            Image current = header;
            if (header.Interpretation == Enums.Interpretation.Cmyk)
            {
                current = srgb = header.Colourspace(Enums.Interpretation.Srgb);
            }

            if (options.ApplyOrientation && info.Orientation != 1)
            {
                current = upright = current.Autorot();
            }

            nint pixels = current.WriteToMemory(out ulong size);
            var decoded = new DecodedImage(pixels, current.Width, current.Height, current.Bands, info.BitDepth);
            if ((ulong)decoded.SampleCount * (ulong)(info.BitDepth / 8) != size)
            {
                decoded.Dispose();
                throw new ImageFormatException(path, $"the decoder returned {size} bytes for a {current.Width}x{current.Height}x{current.Bands} image.");
            }

            return decoded;
        }
        catch (VipsException error)
        {
            throw new ImageFormatException(path, $"the {format} data is corrupt or truncated ({VipsRuntime.Describe(error)}).", error);
        }
        finally
        {
            upright?.Dispose();
            srgb?.Dispose();
        }
    }

    private static Image OpenHeader(string path, ImageFileFormat format, ImageReadOptions options)
    {
        VipsRuntime.EnsureInitialized();
        Enums.FailOn failOn = options.FailOnWarnings ? Enums.FailOn.Warning : Enums.FailOn.Error;
        try
        {
            return format == ImageFileFormat.Png
                ? Image.Pngload(path, access: Enums.Access.Sequential, failOn: failOn, revalidate: true)
                : Image.Jpegload(path, access: Enums.Access.Sequential, failOn: failOn, revalidate: true);
        }
        catch (VipsException error)
        {
            throw new ImageFormatException(path, $"the {format} header is invalid ({VipsRuntime.Describe(error)}).", error);
        }
    }

    private static ImageInfo Describe(string path, ImageFileFormat format, Image image, ImageReadOptions options)
    {
        if (image.Width <= 0 || image.Height <= 0)
        {
            throw new ImageFormatException(path, $"the header declares a zero-sized image ({image.Width}x{image.Height}).");
        }

        int bitDepth = image.Format switch
        {
            Enums.BandFormat.Uchar => 8,
            Enums.BandFormat.Ushort => 16,
            _ => throw new ImageFormatException(path, $"samples of type {image.Format} are not supported (8 and 16-bit only)."),
        };
        bool cmyk = image.Interpretation == Enums.Interpretation.Cmyk;
        int channels = cmyk ? 3 : image.Bands;
        if (channels is < 1 or > InterleavedPixels.MaxChannels)
        {
            throw new ImageFormatException(path, $"{image.Bands} channels are not supported (1 to {InterleavedPixels.MaxChannels}).");
        }

        int orientation = image.Contains("orientation") ? (int)image.Get("orientation") : 1;
        if (orientation is < 1 or > 8)
        {
            orientation = 1; // An out-of-range tag means nothing; libvips ignores it too.
        }

        bool swaps = options.ApplyOrientation && orientation >= 5;
        return new ImageInfo(format, swaps ? image.Height : image.Width, swaps ? image.Width : image.Height, channels, bitDepth, orientation);
    }
}
