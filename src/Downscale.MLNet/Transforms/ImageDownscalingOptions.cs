using Downscale.Core.Resampling;
using Downscale.Core.Tiling;
using Downscale.MLNet.Learned;

namespace Downscale.MLNet.Transforms;

/// <summary>Options of <see cref="ImageDownscalingEstimator"/> (<c>mlContext.Transforms.DownscaleImages</c>). Checked by the estimator's constructor.</summary>
public sealed record ImageDownscalingOptions
{
    /// <summary>The image column to write.</summary>
    public required string OutputColumnName { get; init; }

    /// <summary>The image column to read; <see cref="OutputColumnName"/> when null.</summary>
    public string? InputColumnName { get; init; }

    /// <summary>
    /// A classic method by name (<see cref="ClassicDownscalers.All"/>: nearest, bilinear-pil, bilinear-matlab,
    /// bicubic-pil, bicubic-matlab, area, lanczos3, dpid). Ignored when <see cref="Model"/> is set. Default
    /// <see cref="Defaults.Method"/>.
    /// </summary>
    public string Method { get; init; } = Defaults.Method;

    /// <summary>
    /// The learned model (ONNX through <see cref="LearnedDownscaler.FromOnnx(string, Downscale.Onnx.Runtime.OnnxScoringOptions?)"/>, ADK-Net through Downscale.MLNet.Torch, or
    /// any <see cref="ITileDownscaler"/>), run tile by tile; null for the classic <see cref="Method"/>.
    /// </summary>
    public LearnedDownscaler? Model { get; init; }

    /// <summary>
    /// The downscaling factor: any positive number for classic methods (2 halves each side; sizes by
    /// <see cref="Resampler.ScaledSize"/>), the model's own integer scale for a learned model. Null: the model's scale, or
    /// <see cref="Defaults.Scale"/> for a classic method.
    /// </summary>
    public double? Scale { get; init; }

    /// <summary>A fixed output width (classic methods only; set with <see cref="Height"/>), whatever the input size.</summary>
    public int? Width { get; init; }

    /// <summary>A fixed output height (classic methods only; set with <see cref="Width"/>).</summary>
    public int? Height { get; init; }

    /// <summary>
    /// Tiling of learned inference: tile size, memory budget, tiles at once, and the <see cref="SizePolicy"/> for sizes
    /// the scale does not divide (default: fail). <see cref="TilingOptions.ExtraPlanes"/> is not allowed (a model that
    /// needs extra planes adds them itself).
    /// </summary>
    public TilingOptions Tiling { get; init; } = new();

    /// <summary>Rows computed at once by the transformer's cursors; 0 for one per core. Default <see cref="Defaults.DegreeOfParallelism"/>.</summary>
    public int DegreeOfParallelism { get; init; } = Defaults.DegreeOfParallelism;

    /// <summary>Threads of one classic resize (-1: all cores). Default <see cref="Defaults.ThreadsPerImage"/>.</summary>
    public int ThreadsPerImage { get; init; } = Defaults.ThreadsPerImage;

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary><c>bicubic-pil</c>: antialiased bicubic as PIL computes it, the convention of most Python pipelines.</summary>
        public const string Method = "bicubic-pil";

        /// <summary>2: half the width and height.</summary>
        public const double Scale = 2;

        /// <summary>0: one row per core at once.</summary>
        public const int DegreeOfParallelism = 0;

        /// <summary>-1: a classic resize uses every core.</summary>
        public const int ThreadsPerImage = -1;
    }
}
