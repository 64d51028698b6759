using Downscale.Core.Imaging.Codecs;

namespace Downscale.Core.Imaging;

/// <summary>
/// Reads and writes PNG and JPEG files as <see cref="PlanarImage"/>s (float32, values in [0, 1]).
/// </summary>
/// <remarks>
/// <para>
/// The codec is libvips (NetVips), chosen by measurement over SkiaSharp (docs/imaging.md): it decodes 16-bit PNG
/// exactly, applies EXIF orientation, and decoded as fast or faster with a little less memory. GIF, BMP, TIFF, WebP and
/// the rest are refused with an <see cref="ImageFormatException"/> that names them.
/// </para>
/// <para>
/// Bad input never crashes the process: files are sniffed before any native code runs, the pixel limit is checked
/// from the header before decoding, and decoder failures become <see cref="ImageFormatException"/>s carrying the path
/// and the reason. Every write goes through <see cref="IO.AtomicFile"/>. All methods are thread-safe.
/// </para>
/// </remarks>
public static class ImageFile
{
    /// <summary>Decodes an 8 or 16-bit PNG or JPEG to a 3-channel RGB image with values in [0, 1].</summary>
    /// <remarks>Gray is expanded to RGB, alpha is dropped, EXIF orientation applied, at most 100 megapixels.</remarks>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ImageTooLargeException">The image has more than 100 million pixels.</exception>
    /// <exception cref="ImageFormatException">The file is empty, corrupt, truncated or not PNG/JPEG.</exception>
    public static PlanarImage Read(string path) => Read(path, ImageReadOptions.Default);

    /// <summary>Decodes a PNG or JPEG following <paramref name="options"/> (channel rules, orientation, pixel limit).</summary>
    /// <returns>
    /// Planes in [0, 1]: <c>v / 255</c> for 8-bit sources, <c>v / 65535</c> for 16-bit ones, both exact.
    /// 1 plane (gray kept), 3 (RGB), or one more when alpha is kept.
    /// </returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ImageTooLargeException">The image has more than <see cref="ImageReadOptions.MaxPixels"/> pixels.</exception>
    /// <exception cref="ImageFormatException">The file is empty, corrupt, truncated or not PNG/JPEG.</exception>
    public static PlanarImage Read(string path, ImageReadOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        using DecodedImage decoded = VipsDecoder.Decode(path, options);
        return ChannelRules.ToPlanar(decoded, options);
    }

    /// <summary>
    /// Reads a 1-channel 16-bit PNG (such as the RGGB mosaics of the RAW pairs) exactly: plane 0 holds <c>v / 65535</c>
    /// as float32, from which <c>round(x * 65535)</c> recovers every sample.
    /// </summary>
    /// <exception cref="ImageFormatException">The file is not a 1-channel 16-bit PNG, or is invalid.</exception>
    public static PlanarImage ReadGray16(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var options = ImageReadOptions.Default with { Gray = GrayMode.Keep, ApplyOrientation = false };
        ImageInfo info = VipsDecoder.ReadInfo(path, options);
        if (info is not { Format: ImageFileFormat.Png, Channels: 1, BitDepth: 16 })
        {
            throw new ImageFormatException(
                path, $"expected a 1-channel 16-bit PNG, found a {info.Channels}-channel {info.BitDepth}-bit {info.Format}.");
        }

        return Read(path, options);
    }

    /// <summary>Reads format, size, channels, bit depth and orientation from the header, without decoding pixels.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ImageFormatException">The file is empty, not PNG/JPEG, or its header is invalid.</exception>
    public static ImageInfo ReadInfo(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return VipsDecoder.ReadInfo(path, ImageReadOptions.Default);
    }

    /// <summary>Encodes an image as an 8-bit PNG (values clamped to [0, 1], rounded half up), atomically.</summary>
    /// <remarks>1 plane writes a gray PNG, 2 gray + alpha, 3 RGB, 4 RGBA.</remarks>
    public static void WritePng(string path, PlanarImage image) =>
        Write(path, image, ImageWriteOptions.Default with { Format = ImageFileFormat.Png });

    /// <summary>Encodes an image as PNG or JPEG following <paramref name="options"/>, atomically.</summary>
    /// <remarks>
    /// Samples are quantized with <c>clamp(floor(v * max + 0.5), 0, max)</c>, max = 255 or 65535 (see
    /// <see cref="InterleavedPixels"/>). 1 plane writes gray, 2 gray + alpha, 3 RGB, 4 RGBA (PNG only).
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// The format cannot be inferred from the extension, or the image does not fit it (JPEG: 8-bit, 1 or 3 planes).
    /// </exception>
    public static void Write(string path, PlanarImage image, ImageWriteOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        ImageFileFormat format = options.Format ?? FormatFromExtension(path);
        if (image.Channels > InterleavedPixels.MaxChannels)
        {
            throw new ArgumentException($"Images with {image.Channels} planes cannot be encoded (1 to {InterleavedPixels.MaxChannels}).", nameof(image));
        }

        if (format == ImageFileFormat.Jpeg && (options.BitDepth != 8 || image.Channels is 2 or 4))
        {
            throw new ArgumentException(
                $"JPEG holds 8-bit gray or RGB only; this is a {image.Channels}-plane image at {options.BitDepth} bits. " +
                "Write PNG, or drop alpha first (image.ChannelView(0, 3)).",
                nameof(image));
        }

        VipsEncoder.Write(path, image, format, options);
    }

    private static ImageFileFormat FormatFromExtension(string path) =>
        Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".PNG" => ImageFileFormat.Png,
            ".JPG" or ".JPEG" => ImageFileFormat.Jpeg,
            _ => throw new ArgumentException(
                $"Cannot tell the format from '{Path.GetFileName(path)}'; use .png/.jpg or set ImageWriteOptions.Format.", nameof(path)),
        };
}
