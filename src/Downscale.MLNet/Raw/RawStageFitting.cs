using Downscale.MLNet.Persistence;
using Downscale.MLNet.Transforms;
using Microsoft.ML;

namespace Downscale.MLNet.Raw;

/// <summary>What every RAW estimator does with its input columns: check them on a schema shape, and bind its stage at fit time.</summary>
internal static class RawStageFitting
{
    /// <summary>The output shape: <paramref name="inputSchema"/> (whose <paramref name="inputs"/> are checked) plus <paramref name="outputs"/>.</summary>
    public static SchemaShape GetOutputSchema(SchemaShape inputSchema, string stageName, IReadOnlyList<RawStageInput> inputs, IEnumerable<SchemaShape.Column> outputs)
    {
        foreach (RawStageInput input in inputs)
        {
            RawColumns.Require(inputSchema, input.Column, input.Kind, stageName, input.Role);
        }

        return ShapeColumns.With(inputSchema, outputs);
    }

    /// <summary>The fitted transformer of <paramref name="stage"/>, whose configuration is <paramref name="config"/>.</summary>
    public static RawTransformer Fit(
        IDataView input, string stageName, RawStage stage, StageConfig config, IReadOnlyList<RawStageInput> inputs,
        Func<MLContext, IEstimator<ITransformer>> worker, IReadOnlyList<PortableOutput> outputs, string? notSaveable = null, RawDownscaler? model = null)
    {
        var binding = new RawStageBinding(stageName, stage, StageConfigText.Write(config), input.Schema, inputs, worker, outputs, notSaveable);
        return new RawTransformer(binding, [.. outputs.Select(o => o.Column)], model);
    }
}
