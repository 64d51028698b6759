using System.Text.Json;

namespace Downscale.Core.Raw;

/// <summary>
/// Everything a RAW frame carries beside its pixels: sensor levels, white balance, colour matrices and, for files of
/// the pairs-v1 raw protocol, the fields of the JSON sidecar (<c>&lt;stem&gt;.png.json</c>).
/// </summary>
/// <remarks>
/// The CFA pattern lives on <see cref="RawFrame.Pattern"/>. Levels are in the file's code values (0..65535 for the
/// protocol); the frame's mosaic is already normalised with them to <c>(code − black) / (white − black)</c>.
/// </remarks>
public sealed record RawMetadata
{
    /// <summary>White-balance gains the ISP multiplies camera RGB by (<c>wb_gains</c>).</summary>
    public WhiteBalanceGains WhiteBalance { get; init; } = WhiteBalanceGains.Neutral;

    /// <summary>XYZ to camera RGB (<c>xyz2cam</c>), when known.</summary>
    public ColorMatrix3x3? XyzToCam { get; init; }

    /// <summary>Linear sRGB to XYZ (<c>rgb2xyz</c>).</summary>
    public ColorMatrix3x3 RgbToXyz { get; init; } = ColorMatrix3x3.SrgbToXyz;

    /// <summary>Linear sRGB to camera RGB, rows normalised to sum 1 (<c>rgb2cam</c>), when known.</summary>
    public ColorMatrix3x3? RgbToCam { get; init; }

    /// <summary>Camera RGB (white balanced) to linear sRGB (<c>cam2rgb</c>), the matrix the ISP applies.</summary>
    public ColorMatrix3x3 CamToRgb { get; init; } = ColorMatrix3x3.Identity;

    /// <summary>The code value of black (<c>black_level</c>).</summary>
    public double BlackLevel { get; init; }

    /// <summary>The code value of saturation (<c>white_level</c>).</summary>
    public double WhiteLevel { get; init; } = 65535;

    /// <summary>Bits per stored sample (<c>bit_depth</c>).</summary>
    public int BitDepth { get; init; } = 16;

    /// <summary>Downscaling factor of this frame relative to its HR frame (<c>scale</c>; 1 for HR).</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Size of the HR frame (<c>hr_size</c>).</summary>
    public FrameSize? HrSize { get; init; }

    /// <summary>Size of this LR frame (<c>lr_size</c>; absent for HR).</summary>
    public FrameSize? LrSize { get; init; }

    /// <summary>The HR extent [0, H) x [0, W) this LR frame covers (<c>hr_region</c>).</summary>
    public FrameSize? HrRegion { get; init; }

    /// <summary>The exact HR/LR ratios (<c>scale_actual</c>).</summary>
    public FrameScale? ScaleActual { get; init; }

    /// <summary>Noise added to an LR frame (<c>noise</c>; absent for HR).</summary>
    public RawNoiseParameters? Noise { get; init; }

    /// <summary>The data generator (<c>generator</c>, e.g. <c>"pairs-v1"</c>) or the decoder of a camera file.</summary>
    public string? Generator { get; init; }

    /// <summary>The image stem (<c>image</c>).</summary>
    public string? ImageName { get; init; }

    /// <summary>The data set (<c>set</c>).</summary>
    public string? SetName { get; init; }

    /// <summary><c>"hr"</c>, <c>"lr"</c> or <c>"camera"</c> (<c>kind</c>).</summary>
    public string? Kind { get; init; }

    /// <summary>A description of the ISP meant to view this frame (<c>isp</c>).</summary>
    public string? Isp { get; init; }

    /// <summary>Sidecar fields this type does not model, kept so that a read/write round trip loses nothing.</summary>
    public IReadOnlyDictionary<string, JsonElement>? AdditionalFields { get; init; }

    /// <summary>Throws unless the levels and gains can normalise and develop a frame.</summary>
    /// <exception cref="ArgumentException">A level, the bit depth or a gain is out of range.</exception>
    public void Validate()
    {
        if (!double.IsFinite(BlackLevel) || !double.IsFinite(WhiteLevel) || BlackLevel < 0 || WhiteLevel <= BlackLevel)
        {
            throw new ArgumentException(
                $"RAW levels need 0 <= black < white, got black {BlackLevel} and white {WhiteLevel}.");
        }

        if (BitDepth is < 1 or > 16)
        {
            throw new ArgumentException($"RAW bit depth must be in [1, 16], got {BitDepth}.");
        }

        WhiteBalance.Validate();
    }
}
