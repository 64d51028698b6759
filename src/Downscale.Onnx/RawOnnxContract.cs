namespace Downscale.Onnx;

/// <summary>
/// What an exported RAW wavelet model looks like, and what <see cref="Runtime.RawOnnxDownscaler"/> requires of a
/// model it scores: one float input <see cref="OnnxDownscalerContract.InputName"/> (N, 4, H, W) of packed RGGB planes
/// with H and W multiples of 2^K·m, one float output <see cref="OnnxDownscalerContract.OutputName"/>
/// (N, 4, H n/m, W n/m), and <c>metadata_props</c> with at least <see cref="RequiredKeys"/>.
/// </summary>
public static class RawOnnxContract
{
    /// <summary>The value of <see cref="FormatKey"/> (the weight files' <c>format</c> too).</summary>
    public const string Format = "raw_wavelet";

    /// <summary>Metadata key: the model family, <see cref="Format"/> (required).</summary>
    public const string FormatKey = "format";

    /// <summary>Metadata key: the scale as a reduced fraction <c>m/n</c>, e.g. <c>13/10</c> (required).</summary>
    public const string ScaleKey = "scale";

    /// <summary>Metadata key: the wavelet levels K (required).</summary>
    public const string LevelsKey = "levels";

    /// <summary>Metadata key: feature channels c.</summary>
    public const string FeaturesKey = "features";

    /// <summary>Metadata key: the LASDM merge, <c>dense</c> or <c>separable</c>.</summary>
    public const string MergeKey = "lasdm_merge";

    /// <summary>Metadata key: the Haar normalisation, <c>orthonormal</c> or <c>average</c>.</summary>
    public const string WaveletKey = "wavelet";

    /// <summary>Metadata key: the identity path, <c>none</c>, <c>bilinear</c>, <c>bicubic</c> or <c>area</c>.</summary>
    public const string BaseKey = "base";

    /// <summary>Metadata key: the packed input sides' multiple 2^K·m.</summary>
    public const string InputBlockKey = "input_block";

    /// <summary>Metadata key: the packed output sides' multiple 2^K·n.</summary>
    public const string OutputBlockKey = "output_block";

    /// <summary>The keys a model must have to be scored.</summary>
    public static IReadOnlyList<string> RequiredKeys { get; } = [FormatKey, ScaleKey, LevelsKey];
}
