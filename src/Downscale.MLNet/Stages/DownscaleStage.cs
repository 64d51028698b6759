using Downscale.Core.Imaging;
using Downscale.Core.Resampling;
using Downscale.Core.Tiling;
using Downscale.MLNet.Imaging;
using Downscale.MLNet.Learned;
using Downscale.MLNet.Persistence;

namespace Downscale.MLNet.Stages;

/// <summary>Downscales one image per row: a classic method at any scale or to a fixed size, or a learned model, tiled.</summary>
internal sealed class DownscaleStage : ImageStage
{
    private readonly DownscaleStageConfig config;
    private readonly ClassicDownscaler? classic;
    private readonly ResampleOptions? resample;
    private readonly LearnedDownscaler? model;
    private readonly TilingOptions tiling;

    /// <summary>A stage for <paramref name="config"/>; <paramref name="model"/> is required exactly when the config names one.</summary>
    public DownscaleStage(DownscaleStageConfig config, LearnedDownscaler? model)
        : base(config, [config.InputColumn])
    {
        this.config = config;
        this.model = model;
        if (model is null)
        {
            classic = ClassicDownscalers.Get(config.Method ?? throw new DownscalingModelException("The downscaling stage names neither a method nor a model."));
            resample = new ResampleOptions
            {
                Convention = classic.Options.Convention,
                CubicCoefficient = classic.Options.CubicCoefficient,
                DpidLambda = classic.Options.DpidLambda,
                MaxDegreeOfParallelism = config.ThreadsPerImage,
            };
        }

        tiling = new TilingOptions
        {
            SizePolicy = config.SizePolicy,
            TileSize = config.TileSize,
            MaxTileMegapixels = config.MaxTileMegapixels,
            MemoryBudgetBytes = config.MemoryBudgetBytes,
            DegreeOfParallelism = config.TileParallelism,
        };
    }

    /// <summary>The output size for an input of <paramref name="input"/> size; unknown in, unknown out (unless the size is fixed).</summary>
    /// <exception cref="ArgumentException">A learned model's size policy refuses the size.</exception>
    public static ImageGeometry OutputGeometry(DownscaleStageConfig config, ImageGeometry input) =>
        OutputGeometry(input, config.Width, config.Height, config.Model?.Scale, config.Scale, config.SizePolicy);

    /// <summary>The output size for an input of <paramref name="input"/> size, from the settings that decide it.</summary>
    /// <exception cref="ArgumentException">A learned model's size policy refuses the size.</exception>
    public static ImageGeometry OutputGeometry(ImageGeometry input, int? width, int? height, int? modelScale, double scale, SizePolicy policy)
    {
        if (width is int w && height is int h)
        {
            return new ImageGeometry(h, w);
        }

        if (!input.IsKnown)
        {
            return ImageGeometry.Unknown;
        }

        if (modelScale is int s)
        {
            (int alignedHeight, int alignedWidth) = ScaleAlignment.AlignedSize(input.Height, input.Width, s, policy);
            return new ImageGeometry(alignedHeight / s, alignedWidth / s);
        }

        (int outWidth, int outHeight) = Resampler.ScaledSize(input.Width, input.Height, scale);
        return new ImageGeometry(outHeight, outWidth);
    }

    /// <inheritdoc />
    public override object Compute(IReadOnlyList<PlanarImage> inputs)
    {
        PlanarImage hr = inputs[0];
        PlanarImage lr;
        if (model is not null)
        {
            lr = model.Downscale(hr, tiling);
        }
        else if (config is { Width: int w, Height: int h })
        {
            lr = Resampler.Resize(hr, w, h, classic!.Method, resample);
        }
        else
        {
            lr = Resampler.Resize(hr, config.Scale, classic!.Method, resample);
        }

        ImageGeometry expected = OutputGeometry(config, config.Inputs[0]);
        if (expected.IsKnown && (lr.Height != expected.Height || lr.Width != expected.Width))
        {
            throw new InvalidOperationException(
                $"Column '{config.InputColumn}' held a {hr.Width}x{hr.Height} image, but the stage was fitted on {config.Inputs[0].Width}x{config.Inputs[0].Height} " +
                $"images and promises {expected.Width}x{expected.Height} outputs; got {lr.Width}x{lr.Height}.");
        }

        return lr.ToMLImage();
    }
}
