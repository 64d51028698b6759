using Downscale.Core.Data;
using Downscale.Core.Imaging;
using Downscale.Core.Metrics;

namespace Downscale.Core.Raw;

/// <summary>Scores of one RAW downscaling result against its ground-truth LR frame.</summary>
/// <param name="Name">The image.</param>
/// <param name="RawPsnr">PSNR of the mosaic in [0, 1] (peak 1), after the border crop.</param>
/// <param name="RawSsim">SSIM of the mosaic (one plane, data range 1).</param>
/// <param name="Srgb">PSNR/SSIM on RGB and Y of the fixed ISP's 8-bit output, pairs-v1 conventions.</param>
public sealed record RawScores(string Name, double RawPsnr, double RawSsim, FidelityScores Srgb);

/// <summary>
/// Scores RAW downscalers the way the RAW paper's Tables 1 and 2 do, on the pairs-v1 <c>raw</c> protocol: in the RAW
/// domain (the mosaic) and in sRGB after the fixed ISP (<see cref="ForwardIsp"/>), against the published LR.
/// </summary>
/// <remarks>
/// Order of operations: the prediction is stored as the 16-bit codes a protocol file would hold
/// (<c>floor(65535·clip(x, 0, 1) + 0.5)</c>), then both mosaics are cropped by <see cref="CropBorder"/> LR pixels per
/// side and scored in float64 (RAW: PSNR with peak 1, SSIM with data range 1); in sRGB both are developed with the LR
/// sidecar's white balance and <c>cam2rgb</c> and scored as 8-bit images (data README, "Scoring conventions").
/// </remarks>
public static class RawEvaluation
{
    /// <summary>The border crop of the data README: s pixels for an integer scale, 1 for 1.3 (any non-integer scale).</summary>
    public static int CropBorder(RationalScale scale) => scale.IsInteger ? scale.Input : 1;

    /// <summary>Scores a predicted LR mosaic against the ground-truth LR frame.</summary>
    /// <exception cref="ArgumentException">The prediction is not a mosaic of the LR frame's size.</exception>
    public static RawScores Score(string name, PlanarImage prediction, RawFrame lr, int cropBorder)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(lr);
        if (prediction.Channels != 1 || prediction.Height != lr.Height || prediction.Width != lr.Width)
        {
            throw new ArgumentException(
                $"The prediction for '{name}' is {prediction}, but the LR mosaic is 1x{lr.Height}x{lr.Width}.", nameof(prediction));
        }

        PlanarImage stored = AsStoredCodes(prediction, lr.Metadata);
        var raw = new QualityOptions { CropBorder = cropBorder, QuantizeTo8Bit = false };
        double rawPsnr = Psnr.Compute(stored, lr.Mosaic, raw);
        double rawSsim = Ssim.Compute(stored, lr.Mosaic, raw);
        PlanarImage developed = ForwardIsp.Develop(stored, lr.Pattern, lr.Metadata.WhiteBalance, lr.Metadata.CamToRgb);
        FidelityScores srgb = Fidelity.Compute(developed, ForwardIsp.Develop(lr), new QualityOptions { CropBorder = cropBorder });
        return new RawScores(name, rawPsnr, rawSsim, srgb);
    }

    /// <summary>
    /// Runs <paramref name="downscale"/> on every pair and scores it. Each HR frame is planned with
    /// <see cref="RawDownscaleGeometry.Plan"/> at the LR file's size, and the plan's region must equal the sidecar's
    /// <c>hr_region</c>.
    /// </summary>
    /// <param name="pairs">RAW pairs (e.g. <see cref="PairsV1DataSet.EnumerateRaw"/>).</param>
    /// <param name="scale">The nominal scale of the pairs.</param>
    /// <param name="downscale">Returns the LR mosaic (1 x h x w) for an HR frame and its plan.</param>
    /// <exception cref="InvalidDataException">A sidecar's <c>hr_region</c> disagrees with the protocol's rounding rule.</exception>
    public static IReadOnlyList<RawScores> Evaluate(
        IEnumerable<RawImagePair> pairs, RationalScale scale, Func<RawFrame, RawDownscalePlan, PlanarImage> downscale)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(downscale);
        var scores = new List<RawScores>();
        foreach (RawImagePair pair in pairs)
        {
            RawFrame hr = RawProtocolFile.Read(pair.HrPath);
            RawFrame lr = RawProtocolFile.Read(pair.LrPath);
            RawDownscalePlan plan = PlanOf(pair.Name, hr, lr, scale);
            scores.Add(Score(pair.Name, downscale(hr, plan), lr, CropBorder(scale)));
        }

        return scores;
    }

    /// <summary>The plan of a published pair, checked against its sidecar.</summary>
    /// <exception cref="InvalidDataException">The sidecar's <c>hr_region</c> is not the region of the rounding rule.</exception>
    public static RawDownscalePlan PlanOf(string name, RawFrame hr, RawFrame lr, RationalScale scale)
    {
        ArgumentNullException.ThrowIfNull(hr);
        ArgumentNullException.ThrowIfNull(lr);
        RawDownscalePlan plan = RawDownscaleGeometry.Plan(new FrameSize(hr.Height, hr.Width), new FrameSize(lr.Height, lr.Width), scale);
        if (lr.Metadata.HrRegion is { } region && region != plan.Region)
        {
            throw new InvalidDataException(
                $"'{name}': the LR sidecar's hr_region is {region}, but the x{scale} rounding rule gives {plan.Region}.");
        }

        return plan;
    }

    /// <summary>The mean of each score over the images.</summary>
    public static RawScores Mean(IReadOnlyList<RawScores> scores, string name = "mean")
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            throw new ArgumentException("There are no scores to average.", nameof(scores));
        }

        return new RawScores(
            name,
            scores.Average(s => s.RawPsnr),
            scores.Average(s => s.RawSsim),
            new FidelityScores(
                scores.Average(s => s.Srgb.PsnrRgb), scores.Average(s => s.Srgb.PsnrY),
                scores.Average(s => s.Srgb.SsimRgb), scores.Average(s => s.Srgb.SsimY)));
    }

    private static PlanarImage AsStoredCodes(PlanarImage prediction, RawMetadata metadata)
    {
        ushort[] codes = RawProtocolFile.Quantize(prediction.Data.Span, metadata);
        var stored = new PlanarImage(1, prediction.Height, prediction.Width);
        Span<float> values = stored.Data.Span;
        double black = metadata.BlackLevel, range = metadata.WhiteLevel - black;
        for (int i = 0; i < codes.Length; i++)
        {
            values[i] = (float)((codes[i] - black) / range);
        }

        return stored;
    }
}
