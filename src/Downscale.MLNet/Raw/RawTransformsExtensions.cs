using Downscale.Core.Raw;
using Microsoft.ML;

namespace Downscale.MLNet.Raw;

/// <summary>
/// The RAW stages on ML.NET's <see cref="TransformsCatalog"/>: <c>LoadRawFrames</c> (paths → RAW frames),
/// <c>DownscaleRaw</c> (rational scale), <c>RenderRawPreview</c> (RAW → <c>MLImage</c> through the fixed ISP, so
/// <c>ResizeImages</c>, <c>ExtractPixels</c>, <c>DownscaleImages</c> and <c>ComputeFidelity</c> can follow) and
/// <c>ComputeRawFidelity</c>.
/// </summary>
public static class RawTransformsExtensions
{
    /// <summary>Reads RAW frames from a column of paths: protocol files (16-bit PNG + JSON sidecar) or camera files (LibRaw).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The RAW frame column to write.</param>
    /// <param name="inputColumnName">The text column of paths.</param>
    public static RawLoadingEstimator LoadRawFrames(this TransformsCatalog catalog, string outputColumnName, string inputColumnName)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RawLoadingEstimator(outputColumnName, inputColumnName);
    }

    /// <summary>Downscales a RAW frame column with an interpolation baseline at a rational scale.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The RAW frame column to write.</param>
    /// <param name="scale">The scale (<c>RationalScale.Parse("1.3")</c>).</param>
    /// <param name="method">A classic method by name (default <c>bilinear-pil</c>), run on the demosaicked camera RGB.</param>
    /// <param name="inputColumnName">The RAW frame column to read; <paramref name="outputColumnName"/> when null.</param>
    public static RawDownscalingEstimator DownscaleRaw(
        this TransformsCatalog catalog, string outputColumnName, RationalScale scale, string method = "bilinear-pil", string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RawDownscalingEstimator(new RawDownscalingOptions { OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Scale = scale, Method = method });
    }

    /// <summary>Downscales a RAW frame column with a learned RAW model (at its scale).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The RAW frame column to write.</param>
    /// <param name="model">The model (the RAW wavelet model through Downscale.MLNet.Torch, or <see cref="RawDownscaler.FromOnnx(string)"/>).</param>
    /// <param name="inputColumnName">The RAW frame column to read; <paramref name="outputColumnName"/> when null.</param>
    public static RawDownscalingEstimator DownscaleRaw(this TransformsCatalog catalog, string outputColumnName, RawDownscaler model, string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        return new RawDownscalingEstimator(new RawDownscalingOptions { OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Model = model });
    }

    /// <summary>Downscales a RAW frame column as <paramref name="options"/> say.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The options.</param>
    public static RawDownscalingEstimator DownscaleRaw(this TransformsCatalog catalog, RawDownscalingOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RawDownscalingEstimator(options);
    }

    /// <summary>Develops a RAW frame column into an sRGB image column (<c>MLImage</c>) through the fixed ISP.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The image column to write.</param>
    /// <param name="inputColumnName">The RAW frame column to read.</param>
    public static RawPreviewEstimator RenderRawPreview(this TransformsCatalog catalog, string outputColumnName, string inputColumnName)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RawPreviewEstimator(outputColumnName, inputColumnName);
    }

    /// <summary>Adds RAW-domain and sRGB PSNR/SSIM columns (<see cref="RawFidelityColumns"/>) comparing two RAW frame columns.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="predictionColumnName">The predicted RAW frame column.</param>
    /// <param name="targetColumnName">The ground-truth RAW frame column.</param>
    /// <param name="cropBorder">LR pixels removed per border (<see cref="RawEvaluation.CropBorder"/>: the scale, or 1 for x1.3).</param>
    /// <param name="columnPrefix">Prefix of the output columns.</param>
    public static RawFidelityEstimator ComputeRawFidelity(
        this TransformsCatalog catalog, string predictionColumnName, string targetColumnName, int cropBorder, string columnPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RawFidelityEstimator(new RawFidelityOptions
        {
            PredictionColumnName = predictionColumnName,
            TargetColumnName = targetColumnName,
            CropBorder = cropBorder,
            ColumnPrefix = columnPrefix,
        });
    }
}
