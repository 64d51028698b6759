namespace Downscale.Core.Imaging;

/// <summary>How <see cref="ImageFile"/> encodes a file: format, bit depth and JPEG settings.</summary>
/// <remarks>Immutable; derive variants with <c>with</c>. Invalid values are refused when set.</remarks>
public sealed record ImageWriteOptions
{
    private readonly int bitDepth = Defaults.BitDepth;
    private readonly int quality = Defaults.Quality;
    private readonly ImageFileFormat? format;

    /// <summary>The options that <see cref="ImageFile.WritePng(string, PlanarImage)"/> uses: 8-bit PNG.</summary>
    public static ImageWriteOptions Default { get; } = new();

    /// <summary>The file format, or null (default) to take it from the extension (<c>.png</c>, <c>.jpg</c>, <c>.jpeg</c>).</summary>
    public ImageFileFormat? Format
    {
        get => format;
        init => format = value is null || Enum.IsDefined(value.Value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Format), value, "Unknown image format.");
    }

    /// <summary>Bits per sample: 8 (default) or 16. JPEG is 8-bit only.</summary>
    public int BitDepth
    {
        get => bitDepth;
        init => bitDepth = value is 8 or 16 ? value : throw new ArgumentOutOfRangeException(nameof(BitDepth), value, "Bit depth must be 8 or 16.");
    }

    /// <summary>JPEG quality, 1 to 100. Default 95 (libvips then keeps full-resolution chroma, no 4:2:0 subsampling).</summary>
    public int Quality
    {
        get => quality;
        init => quality = value is >= 1 and <= 100 ? value : throw new ArgumentOutOfRangeException(nameof(Quality), value, "JPEG quality must be in [1, 100].");
    }

    /// <summary>Write a progressive (interlaced) JPEG. Default false (baseline).</summary>
    public bool Progressive { get; init; }

    /// <summary>Default values of <see cref="ImageWriteOptions"/>.</summary>
    public static class Defaults
    {
        /// <summary>8 bits per sample.</summary>
        public const int BitDepth = 8;

        /// <summary>JPEG quality 95.</summary>
        public const int Quality = 95;
    }
}
