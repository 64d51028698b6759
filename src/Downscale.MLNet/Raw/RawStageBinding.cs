using Downscale.MLNet.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Raw;

/// <summary>
/// What every RAW transformer is made of: the runtime <see cref="RawStage"/> and its saveable ML.NET form
/// (<see cref="PortableStageChain"/>), which is also what computes the rows.
/// </summary>
/// <remarks>
/// Unlike the image stages, a RAW stage's <see cref="Transform"/> is the portable chain's own: ML.NET's
/// <c>CustomMapping</c> computes a row only when a cursor reads one of the stage's columns, one row at a time (a RAW
/// frame is large, and the TorchSharp engine already uses every core inside one frame). So an in-memory pipeline and the
/// same pipeline loaded from disk run exactly the same code.
/// </remarks>
internal sealed class RawStageBinding
{
    private readonly TransformerChain<ITransformer> portable;
    private readonly IReadOnlyList<(string Column, RawInputKind Kind, string Role)> inputs;
    private readonly string? notSaveable;

    public RawStageBinding(
        string stageName, RawStage stage, string configText, DataViewSchema inputSchema, IReadOnlyList<(string Column, RawInputKind Kind, string Role)> inputs,
        Func<MLContext, IEstimator<ITransformer>> worker, IReadOnlyList<PortableOutput> outputs, string? notSaveable)
    {
        StageName = stageName;
        Stage = stage;
        this.inputs = inputs;
        this.notSaveable = notSaveable;
        CheckInputs(inputSchema);
        StageRuntimeCache.Register(configText, stage);
        ConfigText = configText;
        portable = PortableStageChain.Build(inputSchema, configText, [.. inputs.Select(i => new PortableInput(i.Column, ImageGeometry.Unknown))], worker, outputs);
    }

    /// <summary>The stage's name in messages.</summary>
    public string StageName { get; }

    /// <summary>The runtime stage (held here so the cache keeps it while the transformer lives).</summary>
    public RawStage Stage { get; }

    /// <summary>The configuration text.</summary>
    public string ConfigText { get; }

    /// <summary>The output schema, from the schema alone.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        CheckInputs(inputSchema);
        return portable.GetOutputSchema(inputSchema);
    }

    /// <summary>The row-to-row mapper (<c>PredictionEngine</c>).</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        CheckInputs(inputSchema);
        return ((ITransformer)portable).GetRowToRowMapper(inputSchema);
    }

    /// <summary>The lazy output view.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInputs(input.Schema);
        return portable.Transform(input);
    }

    /// <summary>Writes the portable chain into ML.NET's save context.</summary>
    /// <exception cref="InvalidOperationException">The stage holds a model that cannot be saved.</exception>
    public void Save(ModelSaveContext context) =>
        ((ICanSaveModel)portable).Save(notSaveable is null ? context : throw new InvalidOperationException($"{StageName} cannot be saved: {notSaveable}"));

    private void CheckInputs(DataViewSchema inputSchema)
    {
        foreach ((string column, RawInputKind kind, string role) in inputs)
        {
            RawColumns.Require(inputSchema, column, kind, StageName, role);
        }
    }
}
