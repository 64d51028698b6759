using Downscale.Core.Resampling;
using Downscale.MLNet.Learned;
using Downscale.MLNet.Persistence;
using Downscale.MLNet.Persistence.Workers;
using Downscale.MLNet.Stages;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Transforms;

/// <summary>
/// The fitted downscaling stage. <see cref="StageTransformer.Transform"/> is lazy and computes several rows at once; the transformer
/// saves with <c>mlContext.Model.Save</c> (learned weights included) and works in <c>PredictionEngine</c>.
/// </summary>
public sealed class ImageDownscalingTransformer : StageTransformer
{
    private readonly StageBinding binding;

    internal ImageDownscalingTransformer(ImageDownscalingOptions options, DataViewSchema inputSchema)
    {
        string input = options.InputColumnName ?? options.OutputColumnName;
        ImageGeometry geometry = ImageColumns.Require(inputSchema, input, ImageDownscalingEstimator.StageName, "input");
        ImageGeometry output = OutputGeometry(options, geometry, input, nameof(inputSchema));
        DownscaleStageConfig config = CreateConfig(options, input, geometry);
        InputColumnName = input;
        OutputColumnName = options.OutputColumnName;
        Model = options.Model;
        Method = options.Model?.Name ?? config.Method!;
        binding = new StageBinding(
            ImageDownscalingEstimator.StageName,
            new DownscaleStage(config, options.Model),
            StageConfigText.Write(config),
            inputSchema,
            [geometry],
            PortableStageChain.DownscaleWorker(geometry),
            [new StageOutputColumn<MLImage>(OutputColumnName, static result => (MLImage)result)],
            [new PortableOutput(OutputColumnName, StageColumns.ImageOutput, output)],
            options.DegreeOfParallelism == 0 ? Environment.ProcessorCount : options.DegreeOfParallelism,
            config.Model is { Codec: null } ? $"the learned model '{config.Model.Name}' is an in-process tile engine without a saved form (use LearnedDownscaler.FromOnnx, or an ADK-Net model from Downscale.MLNet.Torch)." : null);
    }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The column written.</summary>
    public string OutputColumnName { get; }

    /// <summary>The classic method's name, or the learned model's.</summary>
    public string Method { get; }

    /// <summary>The learned model, or null for a classic method.</summary>
    public LearnedDownscaler? Model { get; }

    /// <inheritdoc />
    private protected override IStageBinding Binding => binding;

    /// <summary>The output size for an input of <paramref name="input"/> size, checked against the size policy.</summary>
    internal static ImageGeometry OutputGeometry(ImageDownscalingOptions options, ImageGeometry input, string column, string paramName)
    {
        try
        {
            return DownscaleStage.OutputGeometry(
                input, options.Width, options.Height, options.Model?.Scale, options.Scale ?? ImageDownscalingOptions.Defaults.Scale, options.Tiling.SizePolicy);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                $"{ImageDownscalingEstimator.StageName}: column '{column}' holds {input.Width}x{input.Height} images: {e.Message} " +
                "Set Tiling = new TilingOptions { SizePolicy = SizePolicy.Crop } (or ReflectPad), or resize first.");
        }
    }

    private static DownscaleStageConfig CreateConfig(ImageDownscalingOptions options, string input, ImageGeometry geometry) => new()
    {
        Inputs = [geometry],
        InputColumn = input,
        Method = options.Model is null ? ClassicDownscalers.Get(options.Method).Name : null,
        Scale = options.Scale ?? options.Model?.Scale ?? ImageDownscalingOptions.Defaults.Scale,
        Width = options.Width,
        Height = options.Height,
        SizePolicy = options.Tiling.SizePolicy,
        TileSize = options.Tiling.TileSize,
        MaxTileMegapixels = options.Tiling.MaxTileMegapixels,
        MemoryBudgetBytes = options.Tiling.MemoryBudgetBytes,
        TileParallelism = options.Tiling.DegreeOfParallelism,
        ThreadsPerImage = options.ThreadsPerImage,
        Model = options.Model is null ? null : LearnedModelCodecs.Describe(options.Model),
    };
}
