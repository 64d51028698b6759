using Downscale.Core.Resampling;
using Downscale.MLNet.Imaging;
using Downscale.MLNet.Persistence;
using Downscale.MLNet.Persistence.Workers;
using Downscale.MLNet.Transforms;
using Microsoft.ML;

namespace Downscale.MLNet.Raw;

/// <summary>Reads RAW frames from a path column (<c>mlContext.Transforms.LoadRawFrames</c>): protocol files (16-bit PNG + JSON sidecar) or camera files (LibRaw). Fitting reads no data.</summary>
public sealed class RawLoadingEstimator : IEstimator<RawTransformer>
{
    internal const string StageName = "LoadRawFrames";
    private readonly string output;
    private readonly string input;

    /// <summary>An estimator writing <paramref name="outputColumnName"/> from the paths in <paramref name="inputColumnName"/>.</summary>
    public RawLoadingEstimator(string outputColumnName, string inputColumnName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        (output, input) = (outputColumnName, inputColumnName);
        RawFrameDataViewType.EnsureRegistered();
    }

    private RawStageInput[] Inputs => [new(input, RawInputKind.Path, "path")];

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        RawStageFitting.GetOutputSchema(inputSchema, StageName, Inputs, [RawColumns.Shape(output)]);

    /// <inheritdoc />
    public RawTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var config = new RawLoadStageConfig { Inputs = [ImageGeometry.Unknown], InputColumn = this.input };
        return RawStageFitting.Fit(
            input, StageName, new RawLoadStage(config), config, Inputs,
            static ml => ml.Transforms.CustomMapping(new RawLoadWorker().GetMapping(), StageContracts.RawLoad),
            [new PortableOutput(output, StageColumns.RawOutput, null)]);
    }
}

/// <summary>
/// Downscales a RAW frame column at a rational scale (<c>mlContext.Transforms.DownscaleRaw</c>) with a learned RAW model
/// or an interpolation baseline, to the protocol's LR size and grid. Fitting reads no data.
/// </summary>
public sealed class RawDownscalingEstimator : IEstimator<RawTransformer>
{
    internal const string StageName = "DownscaleRaw";

    /// <summary>An estimator with checked options.</summary>
    /// <exception cref="ArgumentException">An option is invalid (no scale for interpolation, a scale that differs from the model's, an unknown method).</exception>
    public RawDownscalingEstimator(RawDownscalingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputColumnName, nameof(options.OutputColumnName));
        if (options.Model is { } model)
        {
            if (options.Scale is { } scale && scale != model.Scale)
            {
                throw new ArgumentException($"{StageName}: the scale {scale} differs from the model '{model.Name}''s {model.Scale}; leave Scale null to use the model's.", nameof(options));
            }
        }
        else
        {
            _ = options.Scale ?? throw new ArgumentException($"{StageName}: name the scale (RationalScale.Parse(\"1.3\")) for the interpolation method '{options.Method}'.", nameof(options));
            _ = ClassicDownscalers.Get(options.Method);
        }

        if (!Enum.IsDefined(options.Domain))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Domain, "Domain must be PackedPlanes or Demosaicked.");
        }

        Options = options;
        RawFrameDataViewType.EnsureRegistered();
    }

    /// <summary>The options.</summary>
    public RawDownscalingOptions Options { get; }

    private string Input => Options.InputColumnName ?? Options.OutputColumnName;

    private RawStageInput[] Inputs => [new(Input, RawInputKind.Frame, "input")];

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        RawStageFitting.GetOutputSchema(inputSchema, StageName, Inputs, [RawColumns.Shape(Options.OutputColumnName)]);

    /// <inheritdoc />
    public RawTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scale = Options.Model?.Scale ?? Options.Scale!.Value;
        LearnedModelConfig? model = Options.Model is { } m ? RawModelCodecs.Describe(m) : null;
        var config = new RawDownscaleStageConfig
        {
            Inputs = [ImageGeometry.Unknown],
            InputColumn = Input,
            ScaleInput = scale.Input,
            ScaleOutput = scale.Output,
            Method = Options.Model is null ? Options.Method : null,
            Domain = Options.Domain,
            Model = model,
        };
        return RawStageFitting.Fit(
            input, StageName, new RawDownscaleStage(config, Options.Model), config, Inputs,
            static ml => ml.Transforms.CustomMapping(new RawDownscaleWorker().GetMapping(), StageContracts.RawDownscale),
            [new PortableOutput(Options.OutputColumnName, StageColumns.RawOutput, null)], RawModelCodecs.NotSaveable(model), Options.Model);
    }
}

/// <summary>
/// Develops a RAW frame column into an sRGB image column through the fixed ISP (<c>mlContext.Transforms.RenderRawPreview</c>),
/// so ML.NET's image stages (<c>ResizeImages</c>, <c>ExtractPixels</c>, <c>ApplyOnnxModel</c>) and ours can follow.
/// </summary>
public sealed class RawPreviewEstimator : IEstimator<RawTransformer>
{
    internal const string StageName = "RenderRawPreview";
    private readonly string output;
    private readonly string input;

    /// <summary>An estimator writing the image column <paramref name="outputColumnName"/> from the RAW column <paramref name="inputColumnName"/>.</summary>
    public RawPreviewEstimator(string outputColumnName, string inputColumnName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        (output, input) = (outputColumnName, inputColumnName);
        RawFrameDataViewType.EnsureRegistered();
        ImageTypeRegistration.EnsureRegistered();
    }

    private RawStageInput[] Inputs => [new(input, RawInputKind.Frame, "input")];

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        RawStageFitting.GetOutputSchema(inputSchema, StageName, Inputs, [ShapeColumns.Image(output, ImageGeometry.Unknown)]);

    /// <inheritdoc />
    public RawTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var config = new RawPreviewStageConfig { Inputs = [ImageGeometry.Unknown], InputColumn = this.input };
        return RawStageFitting.Fit(
            input, StageName, new RawPreviewStage(config), config, Inputs,
            static ml => ml.Transforms.CustomMapping(new RawPreviewWorker().GetMapping(), StageContracts.RawPreview),
            [new PortableOutput(output, StageColumns.ImageOutput, null)]);
    }
}

/// <summary>
/// Adds RAW-domain and sRGB fidelity columns (<see cref="RawFidelityColumns"/>) comparing two RAW frame columns
/// (<c>mlContext.Transforms.ComputeRawFidelity</c>, <see cref="Core.Raw.RawEvaluation"/>'s conventions).
/// </summary>
public sealed class RawFidelityEstimator : IEstimator<RawTransformer>
{
    internal const string StageName = "ComputeRawFidelity";

    /// <summary>An estimator with checked options.</summary>
    public RawFidelityEstimator(RawFidelityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        FidelityOptionChecks.Check(options.PredictionColumnName, options.TargetColumnName, options.ColumnPrefix, options.CropBorder);
        Options = options;
        RawFrameDataViewType.EnsureRegistered();
    }

    /// <summary>The options.</summary>
    public RawFidelityOptions Options { get; }

    private RawStageInput[] Inputs =>
        [new(Options.PredictionColumnName, RawInputKind.Frame, "prediction"), new(Options.TargetColumnName, RawInputKind.Frame, "target")];

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        RawStageFitting.GetOutputSchema(inputSchema, StageName, Inputs, RawFidelityColumns.All.Select(c => ShapeColumns.Double(Options.ColumnPrefix + c)));

    /// <inheritdoc />
    public RawTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var config = new RawFidelityStageConfig
        {
            Inputs = [ImageGeometry.Unknown, ImageGeometry.Unknown],
            PredictionColumn = Options.PredictionColumnName,
            TargetColumn = Options.TargetColumnName,
            CropBorder = Options.CropBorder,
        };
        string[] names = [.. RawFidelityColumns.All.Select(c => Options.ColumnPrefix + c)];
        string[] workerColumns = [StageColumns.RawPsnr, StageColumns.RawSsim, StageColumns.PsnrRgb, StageColumns.PsnrY, StageColumns.SsimRgb, StageColumns.SsimY];
        return RawStageFitting.Fit(
            input, StageName, new RawFidelityStage(config), config, Inputs,
            static ml => ml.Transforms.CustomMapping(new RawFidelityWorker().GetMapping(), StageContracts.RawFidelity),
            [.. names.Select((name, i) => new PortableOutput(name, workerColumns[i], null))]);
    }
}
