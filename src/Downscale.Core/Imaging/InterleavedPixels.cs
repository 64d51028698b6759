namespace Downscale.Core.Imaging;

/// <summary>
/// Converts between <see cref="PlanarImage"/> and interleaved (HWC, row-major, channels adjacent) 8-bit or 16-bit
/// buffers with 1, 2, 3 or 4 channels, in the same channel order on both sides.
/// </summary>
/// <remarks>
/// <para>
/// Rounding rule. Integer to float: <c>v / max</c> (max = 255 for 8-bit, 65535 for 16-bit), the correctly rounded
/// float32 quotient. Float to integer: <c>q = clamp(floor(v * max + 0.5), 0, max)</c> in float32, that is
/// <b>round half up, then clamp</b>; NaN becomes 0, +inf becomes max. An integer image therefore survives a round
/// trip through <see cref="PlanarImage"/> exactly, at both bit depths.
/// </para>
/// <para>Large images are converted row-parallel (the kernels and why they are scalar: docs/imaging.md).</para>
/// </remarks>
public static class InterleavedPixels
{
    /// <summary>The most interleaved channels these conversions handle (gray, gray + alpha, RGB, RGBA).</summary>
    public const int MaxChannels = 4;

    /// <summary>Converts interleaved 8-bit samples to a new planar image (values <c>v / 255</c>).</summary>
    /// <param name="pixels">Exactly <paramref name="height"/> x <paramref name="width"/> x <paramref name="channels"/> samples.</param>
    /// <param name="height">Rows.</param>
    /// <param name="width">Columns.</param>
    /// <param name="channels">Interleaved channels, 1 to <see cref="MaxChannels"/>.</param>
    /// <exception cref="ArgumentException">The buffer length does not match the shape.</exception>
    public static PlanarImage ToPlanar(ReadOnlySpan<byte> pixels, int height, int width, int channels)
    {
        var image = new PlanarImage(CheckChannels(channels), height, width);
        CopyToPlanar(pixels, image);
        return image;
    }

    /// <summary>Converts interleaved 16-bit samples to a new planar image (values <c>v / 65535</c>).</summary>
    /// <inheritdoc cref="ToPlanar(ReadOnlySpan{byte}, int, int, int)"/>
    public static PlanarImage ToPlanar(ReadOnlySpan<ushort> pixels, int height, int width, int channels)
    {
        var image = new PlanarImage(CheckChannels(channels), height, width);
        CopyToPlanar(pixels, image);
        return image;
    }

    /// <summary>Converts interleaved 8-bit samples into <paramref name="destination"/>, whose shape says how to read them.</summary>
    /// <exception cref="ArgumentException">The buffer length does not match the destination's shape.</exception>
    public static void CopyToPlanar(ReadOnlySpan<byte> pixels, PlanarImage destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        PixelConversion.Deinterleave(pixels, CheckChannels(destination.Channels), Identity(destination.Channels), destination);
    }

    /// <summary>Converts interleaved 16-bit samples into <paramref name="destination"/>, whose shape says how to read them.</summary>
    /// <exception cref="ArgumentException">The buffer length does not match the destination's shape.</exception>
    public static void CopyToPlanar(ReadOnlySpan<ushort> pixels, PlanarImage destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        PixelConversion.Deinterleave(pixels, CheckChannels(destination.Channels), Identity(destination.Channels), destination);
    }

    /// <summary>Quantizes <paramref name="image"/> to a new interleaved 8-bit buffer (round half up, clamp to [0, 255]).</summary>
    public static byte[] ToInterleaved8(PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        byte[] pixels = new byte[(long)image.PlaneLength * CheckChannels(image.Channels)];
        CopyToInterleaved(image, pixels);
        return pixels;
    }

    /// <summary>Quantizes <paramref name="image"/> to a new interleaved 16-bit buffer (round half up, clamp to [0, 65535]).</summary>
    public static ushort[] ToInterleaved16(PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        ushort[] pixels = new ushort[(long)image.PlaneLength * CheckChannels(image.Channels)];
        CopyToInterleaved(image, pixels);
        return pixels;
    }

    /// <summary>Quantizes <paramref name="image"/> into <paramref name="destination"/> (H x W x C samples, 8-bit).</summary>
    /// <exception cref="ArgumentException">The buffer length does not match the image's shape.</exception>
    public static void CopyToInterleaved(PlanarImage image, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        PixelConversion.Interleave(image, Identity(CheckChannels(image.Channels)), destination);
    }

    /// <summary>Quantizes <paramref name="image"/> into <paramref name="destination"/> (H x W x C samples, 16-bit).</summary>
    /// <exception cref="ArgumentException">The buffer length does not match the image's shape.</exception>
    public static void CopyToInterleaved(PlanarImage image, Span<ushort> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        PixelConversion.Interleave(image, Identity(CheckChannels(image.Channels)), destination);
    }

    private static readonly int[] IdentityMap = [0, 1, 2, 3];

    private static ReadOnlySpan<int> Identity(int channels) => IdentityMap.AsSpan(0, channels);

    private static int CheckChannels(int channels) =>
        channels is >= 1 and <= MaxChannels
            ? channels
            : throw new ArgumentOutOfRangeException(nameof(channels), channels, $"Interleaved buffers have 1 to {MaxChannels} channels.");
}
