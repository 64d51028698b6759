using Downscale.Core.Resampling;
using Downscale.Core.Tiling;
using Downscale.MLNet.Imaging;
using Downscale.MLNet.Persistence;
using Microsoft.ML;

namespace Downscale.MLNet.Transforms;

/// <summary>
/// Downscales an image column (<c>MLImage</c>, from <c>LoadImages</c> or <c>ResizeImages</c>) with a classic method at
/// any scale or to a fixed size, or with a learned model tile by tile. Created by
/// <c>mlContext.Transforms.DownscaleImages</c>; fitting reads no data.
/// </summary>
/// <remarks>
/// The output column is an image column: of fixed size when the input's size is fixed (or a fixed output size is
/// asked for), so <c>ExtractPixels</c> and <c>ApplyOnnxModel</c> can follow directly; otherwise of any size, and
/// <c>ResizeImages</c> fixes it.
/// </remarks>
public sealed class ImageDownscalingEstimator : IEstimator<ImageDownscalingTransformer>
{
    internal const string StageName = "DownscaleImages";

    /// <summary>An estimator with checked options.</summary>
    /// <exception cref="ArgumentException">An option is invalid or the options contradict each other (the message says which).</exception>
    public ImageDownscalingEstimator(ImageDownscalingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        Options = options;
        ImageTypeRegistration.EnsureRegistered();
    }

    /// <summary>The options.</summary>
    public ImageDownscalingOptions Options { get; }

    /// <summary>The input column's name.</summary>
    internal string InputColumnName => Options.InputColumnName ?? Options.OutputColumnName;

    /// <inheritdoc />
    public ImageDownscalingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ImageDownscalingTransformer(Options, input.Schema);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ImageGeometry input = ImageColumns.Require(inputSchema, InputColumnName, StageName, "input");
        ImageGeometry output = ImageDownscalingTransformer.OutputGeometry(Options, input, InputColumnName, nameof(inputSchema));
        return ShapeColumns.With(inputSchema, [ShapeColumns.Image(Options.OutputColumnName, output)]);
    }

    private static void Validate(ImageDownscalingOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputColumnName, nameof(options.OutputColumnName));
        if (options.InputColumnName is { } input)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(input, nameof(options.InputColumnName));
        }

        if (options.Scale is { } scale && (!double.IsFinite(scale) || scale <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), scale, "Scale must be a positive finite number (2 halves each side).");
        }

        if (options.Width.HasValue != options.Height.HasValue || options.Width <= 0 || options.Height <= 0)
        {
            throw new ArgumentException("Set both Width and Height (positive) for a fixed output size, or neither to scale.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.Tiling, nameof(options.Tiling));
        if (options.Tiling.ExtraPlanes is not null)
        {
            throw new ArgumentException("Tiling.ExtraPlanes cannot be used in a pipeline stage: a model that needs extra planes adds them itself.", nameof(options));
        }

        if (options.DegreeOfParallelism < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DegreeOfParallelism, "DegreeOfParallelism must be 0 (one row per core) or positive.");
        }

        if (options.ThreadsPerImage == 0 || options.ThreadsPerImage < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ThreadsPerImage, "ThreadsPerImage must be -1 (all cores) or positive.");
        }

        if (options.Model is { } model)
        {
            if (options.Width is not null)
            {
                throw new ArgumentException($"A learned model downscales by its scale (x{model.Scale}); a fixed output size needs a classic method.", nameof(options));
            }

            if (options.Scale is { } asked && asked != model.Scale)
            {
                throw new ArgumentException($"Scale is {asked}, but the model '{model.Name}' downscales by {model.Scale}; leave Scale unset or set it to {model.Scale}.", nameof(options));
            }
        }
        else
        {
            ClassicDownscaler method = ClassicDownscalers.Get(options.Method);
            if (method.Method == ResampleMethod.Dpid && options.Scale < 1)
            {
                throw new ArgumentException("DPID only downscales: use a scale of at least 1.", nameof(options));
            }
        }

        _ = options.Tiling.SizePolicy switch
        {
            SizePolicy.Fail or SizePolicy.Crop or SizePolicy.ReflectPad => 0,
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Tiling.SizePolicy, "Unknown size policy."),
        };
    }
}
