using Downscale.MLNet.Stages;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Persistence;

/// <summary>What a fitted stage's transformer delegates to: its schema, row mapper, output view and saved form.</summary>
internal interface IStageBinding
{
    /// <summary>The stage's name in messages.</summary>
    string StageName { get; }

    /// <summary>The output schema, computed from the schema alone.</summary>
    DataViewSchema GetOutputSchema(DataViewSchema inputSchema);

    /// <summary>The row-to-row mapper (used by <c>PredictionEngine</c>).</summary>
    IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema);

    /// <summary>The lazy output view.</summary>
    IDataView Transform(IDataView input);

    /// <summary>Writes the stage into ML.NET's save context.</summary>
    void Save(ModelSaveContext context);
}

/// <summary>
/// What every one of our transformers is made of: the runtime stage and its saveable ML.NET form
/// (<see cref="PortableStageChain"/>), whose schema, row-to-row mapper and saved form are the transformer's, so an
/// in-memory pipeline and the same pipeline loaded from disk present exactly the same columns.
/// </summary>
/// <typeparam name="TStage">The runtime stage type.</typeparam>
internal abstract class PortableStageBinding<TStage> : IStageBinding
    where TStage : PersistedStage
{
    private readonly string? notSaveable;

    /// <summary>Registers <paramref name="stage"/> under its configuration and fits its portable chain on <paramref name="inputSchema"/>.</summary>
    protected PortableStageBinding(
        string stageName, TStage stage, string configText, DataViewSchema inputSchema, IReadOnlyList<PortableInput> portableInputs,
        Func<MLContext, IEstimator<ITransformer>> worker, IReadOnlyList<PortableOutput> portableOutputs, string? notSaveable)
    {
        StageName = stageName;
        Stage = stage;
        this.notSaveable = notSaveable;
        StageRuntimeCache.Register(configText, stage);
        ConfigText = configText;
        Portable = PortableStageChain.Build(inputSchema, configText, portableInputs, worker, portableOutputs);
    }

    /// <inheritdoc />
    public string StageName { get; }

    /// <summary>The runtime stage (held here so the runtime cache keeps it while the transformer lives).</summary>
    public TStage Stage { get; }

    /// <summary>The configuration text (kept alive with the transformer; the runtime cache is keyed by it).</summary>
    public string ConfigText { get; }

    /// <summary>The saveable chain, which also computes rows one at a time.</summary>
    protected TransformerChain<ITransformer> Portable { get; }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        CheckInputs(inputSchema);
        return Portable.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        CheckInputs(inputSchema);
        return ((ITransformer)Portable).GetRowToRowMapper(inputSchema);
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInputs(input.Schema);
        return CreateView(input, Portable.Transform(input));
    }

    /// <summary>Writes the portable chain into ML.NET's save context.</summary>
    /// <exception cref="InvalidOperationException">The stage holds a model that cannot be saved.</exception>
    public void Save(ModelSaveContext context) =>
        ((ICanSaveModel)Portable).Save(notSaveable is null ? context : throw new InvalidOperationException($"{StageName} cannot be saved: {notSaveable}"));

    /// <summary>The view <see cref="Transform"/> returns, given the portable chain's view of the same input.</summary>
    protected virtual IDataView CreateView(IDataView input, IDataView portableView) => portableView;

    /// <summary>Refuses a schema whose input columns are missing or of the wrong type or size.</summary>
    protected abstract void CheckInputs(DataViewSchema inputSchema);
}
