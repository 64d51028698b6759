namespace Downscale.Core.Imaging;

/// <summary>How <see cref="ImageFile"/> decodes a file: channel rules, orientation, limits and strictness.</summary>
/// <remarks>
/// Immutable; derive variants with <c>with</c> (<c>ImageReadOptions.Default with { Gray = GrayMode.Keep }</c>).
/// Invalid values are refused when set. The rules are described in <c>docs/imaging.md</c>.
/// </remarks>
public sealed record ImageReadOptions
{
    private readonly long maxPixels = Defaults.MaxPixels;
    private readonly AlphaMode alpha = Defaults.Alpha;
    private readonly GrayMode gray = Defaults.Gray;
    private readonly RgbColor background = Defaults.Background;

    /// <summary>The options that <see cref="ImageFile.Read(string)"/> uses: RGB output, alpha dropped, 100 MP limit.</summary>
    public static ImageReadOptions Default { get; } = new();

    /// <summary>What to do with alpha. Default <see cref="AlphaMode.Drop"/>.</summary>
    public AlphaMode Alpha
    {
        get => alpha;
        init => alpha = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Alpha), value, "Unknown alpha mode.");
    }

    /// <summary>The colour that <see cref="AlphaMode.Composite"/> blends over. Default white.</summary>
    public RgbColor Background
    {
        get => background;
        init => background = value.IsInUnitRange
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Background), value, "Background components must be in [0, 1].");
    }

    /// <summary>What to do with gray-scale images. Default <see cref="GrayMode.ExpandToRgb"/>.</summary>
    public GrayMode Gray
    {
        get => gray;
        init => gray = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Gray), value, "Unknown gray mode.");
    }

    /// <summary>
    /// Largest accepted width x height, checked from the file header before any pixel is decoded (a defence against
    /// decompression bombs). Default 100 million.
    /// </summary>
    public long MaxPixels
    {
        get => maxPixels;
        init => maxPixels = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxPixels), value, "The pixel limit must be positive.");
    }

    /// <summary>Apply the EXIF orientation tag (JPEG APP1, PNG eXIf) so that the image comes out upright. Default true.</summary>
    public bool ApplyOrientation { get; init; } = Defaults.ApplyOrientation;

    /// <summary>
    /// Refuse files on decoder warnings too, such as corrupt JPEG entropy data that the decoder would otherwise conceal.
    /// Default false: truncation and decoder errors are always refused; warnings are tolerated because many cameras
    /// write files that trigger them.
    /// </summary>
    public bool FailOnWarnings { get; init; } = Defaults.FailOnWarnings;

    /// <summary>Default values of <see cref="ImageReadOptions"/>.</summary>
    public static class Defaults
    {
        /// <summary>100 megapixels.</summary>
        public const long MaxPixels = 100_000_000;

        /// <summary>Alpha is dropped.</summary>
        public const AlphaMode Alpha = AlphaMode.Drop;

        /// <summary>Gray is expanded to RGB.</summary>
        public const GrayMode Gray = GrayMode.ExpandToRgb;

        /// <summary>EXIF orientation is applied.</summary>
        public const bool ApplyOrientation = true;

        /// <summary>Decoder warnings are tolerated.</summary>
        public const bool FailOnWarnings = false;

        /// <summary>White.</summary>
        public static RgbColor Background => RgbColor.White;
    }
}
