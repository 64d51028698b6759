using Downscale.MLNet.Learned;
using Downscale.MLNet.Transforms;
using Microsoft.ML;

namespace Downscale.MLNet;

/// <summary>
/// Our stages on ML.NET's <see cref="TransformsCatalog"/>, beside <c>LoadImages</c>, <c>ResizeImages</c>,
/// <c>ExtractPixels</c> and <c>ApplyOnnxModel</c>.
/// </summary>
public static class DownscalingTransformsExtensions
{
    /// <summary>Downscales an image column with a classic method.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The image column to write.</param>
    /// <param name="scale">The factor (2 halves each side; any positive number).</param>
    /// <param name="method">A classic method: nearest, bilinear-pil, bilinear-matlab, bicubic-pil, bicubic-matlab, area, lanczos3 or dpid.</param>
    /// <param name="inputColumnName">The image column to read; <paramref name="outputColumnName"/> when null.</param>
    /// <example><code>mlContext.Transforms.LoadImages("Image", folder, "Path").Append(mlContext.Transforms.DownscaleImages("Small", 4, "area", "Image"))</code></example>
    public static ImageDownscalingEstimator DownscaleImages(
        this TransformsCatalog catalog, string outputColumnName, double scale, string method = ImageDownscalingOptions.Defaults.Method, string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ImageDownscalingEstimator(new ImageDownscalingOptions
        {
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            Scale = scale,
            Method = method,
        });
    }

    /// <summary>Downscales an image column with a learned model (by its own scale), tile by tile.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The image column to write.</param>
    /// <param name="model">The model: <see cref="LearnedDownscaler.FromOnnx(string, Downscale.Onnx.Runtime.OnnxScoringOptions?)"/>, an ADK-Net from Downscale.MLNet.Torch, or any tile engine.</param>
    /// <param name="inputColumnName">The image column to read; <paramref name="outputColumnName"/> when null.</param>
    public static ImageDownscalingEstimator DownscaleImages(
        this TransformsCatalog catalog, string outputColumnName, LearnedDownscaler model, string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        return new ImageDownscalingEstimator(new ImageDownscalingOptions
        {
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            Model = model,
        });
    }

    /// <summary>Downscales an image column as <paramref name="options"/> say (method or model, scale or fixed size, tiling, parallelism).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The options.</param>
    public static ImageDownscalingEstimator DownscaleImages(this TransformsCatalog catalog, ImageDownscalingOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ImageDownscalingEstimator(options);
    }

    /// <summary>Adds PSNR and SSIM columns (RGB and Y) comparing two image columns row by row.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="predictionColumnName">The image column being judged.</param>
    /// <param name="targetColumnName">The reference image column.</param>
    /// <param name="cropBorder">Pixels removed from each border first (the scale, in the papers' convention).</param>
    /// <param name="columnPrefix">Prefix of the output columns <c>PsnrRgb</c>, <c>PsnrY</c>, <c>SsimRgb</c>, <c>SsimY</c>.</param>
    public static FidelityScoringEstimator ComputeFidelity(
        this TransformsCatalog catalog, string predictionColumnName, string targetColumnName, int cropBorder = 0, string columnPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new FidelityScoringEstimator(new FidelityScoringOptions
        {
            PredictionColumnName = predictionColumnName,
            TargetColumnName = targetColumnName,
            CropBorder = cropBorder,
            ColumnPrefix = columnPrefix,
        });
    }

    /// <summary>Adds PSNR and SSIM columns as <paramref name="options"/> say.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The options.</param>
    public static FidelityScoringEstimator ComputeFidelity(this TransformsCatalog catalog, FidelityScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new FidelityScoringEstimator(options);
    }
}
