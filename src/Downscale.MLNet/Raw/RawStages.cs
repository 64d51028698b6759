using Downscale.Core.Imaging;
using Downscale.Core.Metrics;
using Downscale.Core.Raw;
using Downscale.Core.Resampling;
using Downscale.MLNet.Imaging;
using Downscale.MLNet.Stages;

namespace Downscale.MLNet.Raw;

/// <summary>The per-row computation of a RAW stage, shared by the in-memory transformer and the loaded worker. Thread-safe.</summary>
internal abstract class RawStage(Persistence.StageConfig config, IReadOnlyList<string> inputColumns) : PersistedStage(config, inputColumns)
{
    /// <summary>Computes one row from its inputs (a path string, or <see cref="RawFrame"/>s).</summary>
    public abstract object Compute(IReadOnlyList<object?> inputs);

    /// <summary>Input <paramref name="index"/> as a RAW frame, or a message naming the column.</summary>
    protected RawFrame Frame(IReadOnlyList<object?> inputs, int index) =>
        inputs[index] as RawFrame ?? throw new InvalidOperationException($"Column '{InputColumns[index]}' holds no RAW frame in this row.");
}

/// <summary>Reads a RAW frame from a path: a protocol file (16-bit PNG mosaic with its JSON sidecar) or a camera file (LibRaw).</summary>
internal sealed class RawLoadStage(RawLoadStageConfig config) : RawStage(config, [config.InputColumn])
{
    /// <inheritdoc />
    public override object Compute(IReadOnlyList<object?> inputs)
    {
        string path = inputs[0] as string ?? string.Empty;
        if (path.Length == 0)
        {
            throw new InvalidOperationException($"LoadRawFrames: column '{config.InputColumn}' holds an empty path in this row.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"LoadRawFrames: the RAW file '{path}' (column '{config.InputColumn}') does not exist.", path);
        }

        return string.Equals(Path.GetExtension(path), ".png", StringComparison.OrdinalIgnoreCase) ? RawProtocolFile.Read(path) : CameraRawFile.Read(path);
    }
}

/// <summary>Downscales a RAW frame at a rational scale: a learned RAW model, or an interpolation baseline.</summary>
internal sealed class RawDownscaleStage : RawStage
{
    private readonly RawDownscaleStageConfig config;
    private readonly ClassicDownscaler? method;

    public RawDownscaleStage(RawDownscaleStageConfig config, RawDownscaler? model)
        : base(config, [config.InputColumn])
    {
        this.config = config;
        Model = model;
        method = model is null ? ClassicDownscalers.Get(config.Method ?? throw new Persistence.DownscalingModelException("A DownscaleRaw stage names neither a method nor a model.")) : null;
    }

    /// <summary>The learned model, or null for interpolation.</summary>
    public RawDownscaler? Model { get; }

    /// <inheritdoc />
    public override object Compute(IReadOnlyList<object?> inputs)
    {
        RawFrame hr = Frame(inputs, 0);
        if (Model is not null)
        {
            return Model.Downscale(hr);
        }

        RawDownscalePlan plan = RawDownscaleGeometry.Plan(new FrameSize(hr.Height, hr.Width), null, config.Scale);
        PlanarImage mosaic = RawInterpolation.Downscale(hr, plan, method!.Method, config.Domain, method.Options);
        return RawLrFrame.Create(hr, plan, mosaic);
    }
}

/// <summary>Develops a RAW frame through the fixed ISP (<see cref="ForwardIsp"/>) into an sRGB image.</summary>
internal sealed class RawPreviewStage(RawPreviewStageConfig config) : RawStage(config, [config.InputColumn])
{
    /// <inheritdoc />
    public override object Compute(IReadOnlyList<object?> inputs) => ForwardIsp.Develop(Frame(inputs, 0)).ToMLImage();
}

/// <summary>RAW PSNR/SSIM on the mosaic and sRGB PSNR/SSIM after the fixed ISP (<see cref="RawEvaluation.Score"/>).</summary>
internal sealed class RawFidelityStage(RawFidelityStageConfig config) : RawStage(config, [config.PredictionColumn, config.TargetColumn])
{
    /// <inheritdoc />
    public override object Compute(IReadOnlyList<object?> inputs)
    {
        RawFrame prediction = Frame(inputs, 0), target = Frame(inputs, 1);
        if (prediction.Height != target.Height || prediction.Width != target.Width)
        {
            throw new InvalidOperationException(
                $"ComputeRawFidelity compares frames of one size, but column '{config.PredictionColumn}' holds a {prediction.Height}x{prediction.Width} mosaic " +
                $"and column '{config.TargetColumn}' a {target.Height}x{target.Width} one in this row.");
        }

        return RawEvaluation.Score(config.PredictionColumn, prediction.Mosaic, target, config.CropBorder);
    }
}
