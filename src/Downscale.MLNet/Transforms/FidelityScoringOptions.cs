namespace Downscale.MLNet.Transforms;

/// <summary>Options of <see cref="FidelityScoringEstimator"/> (<c>mlContext.Transforms.ComputeFidelity</c>). Checked by the estimator's constructor.</summary>
public sealed record FidelityScoringOptions
{
    /// <summary>The image column being judged (for example the output of <c>DownscaleImages</c>).</summary>
    public required string PredictionColumnName { get; init; }

    /// <summary>The reference image column (for example the ground-truth LR loaded with <c>LoadImages</c>), same size per row.</summary>
    public required string TargetColumnName { get; init; }

    /// <summary>Prefix of the four output columns (<c>PsnrRgb</c>, <c>PsnrY</c>, <c>SsimRgb</c>, <c>SsimY</c>). Default none.</summary>
    public string ColumnPrefix { get; init; } = string.Empty;

    /// <summary>Pixels removed from each border before scoring: the scale, in the papers' convention. Default 0.</summary>
    public int CropBorder { get; init; }

    /// <summary>Quantize to 8 bits first, so scores equal those of the saved PNGs. Default true.</summary>
    public bool QuantizeTo8Bit { get; init; } = true;

    /// <summary>Peak value of the 0-255 scale for PSNR and SSIM's constants. Default 255.</summary>
    public double DataRange { get; init; } = 255;

    /// <summary>Rows scored at once by the transformer's cursors; 0 for one per core.</summary>
    public int DegreeOfParallelism { get; init; }
}

/// <summary>The names of the columns that <c>ComputeFidelity</c> adds (after <see cref="FidelityScoringOptions.ColumnPrefix"/>).</summary>
public static class FidelityColumns
{
    /// <summary>PSNR over the three colour channels, in dB (double; +infinity for identical images).</summary>
    public const string PsnrRgb = "PsnrRgb";

    /// <summary>PSNR on the BT.601 luma, in dB (double).</summary>
    public const string PsnrY = "PsnrY";

    /// <summary>SSIM averaged over the three colour channels (double).</summary>
    public const string SsimRgb = "SsimRgb";

    /// <summary>SSIM on the BT.601 luma (double).</summary>
    public const string SsimY = "SsimY";

    /// <summary>The four names in output order.</summary>
    public static IReadOnlyList<string> All { get; } = [PsnrRgb, PsnrY, SsimRgb, SsimY];
}
