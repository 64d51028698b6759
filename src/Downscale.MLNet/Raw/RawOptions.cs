using Downscale.Core.Raw;

namespace Downscale.MLNet.Raw;

/// <summary>Options of <c>mlContext.Transforms.DownscaleRaw</c>. Checked by the estimator's constructor.</summary>
public sealed record RawDownscalingOptions
{
    /// <summary>The RAW frame column to write.</summary>
    public required string OutputColumnName { get; init; }

    /// <summary>The RAW frame column to read; <see cref="OutputColumnName"/> when null.</summary>
    public string? InputColumnName { get; init; }

    /// <summary>The rational scale m/n (<c>RationalScale.Parse("1.3")</c>); null: the model's. Required for interpolation.</summary>
    public RationalScale? Scale { get; init; }

    /// <summary>
    /// The learned RAW model (the RAW wavelet model through Downscale.MLNet.Torch, or <see cref="RawDownscaler.FromOnnx(string)"/>);
    /// null for the interpolation baseline <see cref="Method"/>.
    /// </summary>
    public RawDownscaler? Model { get; init; }

    /// <summary>A classic method by name for the interpolation baseline (nearest, bilinear-pil, bicubic-pil, area, ...). Default <c>bilinear-pil</c>, the strongest RAW baseline measured (docs/models/raw-wavelet.md).</summary>
    public string Method { get; init; } = "bilinear-pil";

    /// <summary>Where the interpolation baseline runs. Default <see cref="RawInterpolationDomain.Demosaicked"/>.</summary>
    public RawInterpolationDomain Domain { get; init; } = RawInterpolationDomain.Demosaicked;
}

/// <summary>Options of <c>mlContext.Transforms.ComputeRawFidelity</c>.</summary>
public sealed record RawFidelityOptions
{
    /// <summary>The predicted RAW frame column.</summary>
    public required string PredictionColumnName { get; init; }

    /// <summary>The ground-truth RAW frame column (its sidecar's white balance and matrix develop both for the sRGB scores).</summary>
    public required string TargetColumnName { get; init; }

    /// <summary>LR pixels removed from each border: the scale for an integer scale, 1 otherwise, in the data README's convention (<see cref="RawEvaluation.CropBorder"/>).</summary>
    public int CropBorder { get; init; }

    /// <summary>Prefix of the output columns (<see cref="RawFidelityColumns"/>).</summary>
    public string ColumnPrefix { get; init; } = string.Empty;
}

/// <summary>The columns that <c>ComputeRawFidelity</c> adds (after its prefix).</summary>
public static class RawFidelityColumns
{
    /// <summary>PSNR of the mosaic (peak 1), dB.</summary>
    public const string RawPsnr = "RawPsnr";

    /// <summary>SSIM of the mosaic (data range 1).</summary>
    public const string RawSsim = "RawSsim";

    /// <summary>PSNR on RGB of the fixed ISP's 8-bit output, dB.</summary>
    public const string SrgbPsnrRgb = "SrgbPsnrRgb";

    /// <summary>PSNR on Y of the fixed ISP's output, dB.</summary>
    public const string SrgbPsnrY = "SrgbPsnrY";

    /// <summary>SSIM on RGB of the fixed ISP's output.</summary>
    public const string SrgbSsimRgb = "SrgbSsimRgb";

    /// <summary>SSIM on Y of the fixed ISP's output.</summary>
    public const string SrgbSsimY = "SrgbSsimY";

    /// <summary>All six, in column order.</summary>
    public static IReadOnlyList<string> All { get; } = [RawPsnr, RawSsim, SrgbPsnrRgb, SrgbPsnrY, SrgbSsimRgb, SrgbSsimY];
}
