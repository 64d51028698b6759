namespace Downscale.Core.Metrics;

/// <summary>
/// How <see cref="Psnr"/>, <see cref="Ssim"/> and <see cref="Fidelity"/> score a pair of images. The defaults follow
/// the pairs-v1 scoring convention (data README) apart from <see cref="CropBorder"/>, which is the scale of the pair.
/// </summary>
/// <remarks>
/// Order of operations (BasicSR's): quantise each channel to 8-bit values (<see cref="QuantizeTo8Bit"/>), crop
/// <see cref="CropBorder"/> pixels from every side, convert to Y when <see cref="Channel"/> is <see cref="QualityChannel.Y"/>,
/// then score in float64 on the 0-255 scale. Values are validated when set.
/// </remarks>
public sealed record QualityOptions
{
    /// <summary>Default <see cref="DataRange"/>: 255, the peak of 8-bit values.</summary>
    public const double DefaultDataRange = 255.0;

    /// <summary>Options with every default: no crop, all channels, 8-bit quantisation, data range 255.</summary>
    public static QualityOptions Default { get; } = new();

    /// <summary>Pixels removed from each of the four borders before scoring (BasicSR's <c>crop_border</c>; the scale for pairs-v1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int CropBorder
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(CropBorder));
            field = value;
        }
    }

    /// <summary>Score every channel (<see cref="QualityChannel.Rgb"/>, the default) or the BT.601 luma (<see cref="QualityChannel.Y"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="QualityChannel"/>.</exception>
    public QualityChannel Channel
    {
        get;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(Channel), value, "Channel must be Rgb or Y.");
            }

            field = value;
        }
    }

    /// <summary>
    /// When true (the default), each value <c>x</c> in [0, 1] becomes the 8-bit value <c>floor(255 * clamp(x, 0, 1) + 0.5)</c>
    /// before scoring, exactly as <see cref="Imaging.ImageFile.WritePng"/> encodes it, so scoring an image in memory
    /// equals scoring the PNG it would be saved as (BasicSR scores uint8 images; its <c>tensor2img</c> rounds ties to
    /// even instead, which differs only on exact .5 ties). When false, <c>255 * x</c> is scored as it is, unclamped.
    /// </summary>
    public bool QuantizeTo8Bit { get; init; } = true;

    /// <summary>
    /// The dynamic range of the 0-255-scaled values: the PSNR peak and the <c>L</c> in SSIM's
    /// <c>C1 = (0.01 L)^2</c>, <c>C2 = (0.03 L)^2</c>. Default <see cref="DefaultDataRange"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a positive finite number.</exception>
    public double DataRange
    {
        get;
        init
        {
            if (!double.IsFinite(value) || value <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(DataRange), value, "The data range must be a positive finite number.");
            }

            field = value;
        }
    } = DefaultDataRange;
}
