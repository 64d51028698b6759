using Downscale.MLNet.Persistence;
using Downscale.MLNet.Stages;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Transforms;

/// <summary>One output column of a stage: its name and how its value comes out of the stage's row result.</summary>
internal abstract class StageOutputColumn(string name)
{
    /// <summary>The user's column name.</summary>
    public string Name { get; } = name;

    /// <summary>A <see cref="ValueGetter{TValue}"/> over the current row's result.</summary>
    public abstract Delegate MakeGetter(Func<object> currentResult);
}

/// <summary>An output column of values of type <typeparamref name="T"/>.</summary>
internal sealed class StageOutputColumn<T>(string name, Func<object, T> select) : StageOutputColumn(name)
{
    /// <inheritdoc />
    public override Delegate MakeGetter(Func<object> currentResult) => (ValueGetter<T>)((ref T value) => value = select(currentResult()));
}

/// <summary>
/// What every one of our transformers is made of: the runtime <see cref="ImageStage"/>, its saveable ML.NET form
/// (<see cref="PortableStageChain"/>), and the columns it reads and writes.
/// </summary>
/// <remarks>
/// The transformer's schema, row-to-row mapper (<c>PredictionEngine</c>) and saved form are the portable chain's, so an
/// in-memory pipeline and the same pipeline loaded from disk present exactly the same columns. Only
/// <see cref="Transform"/> differs: it returns a <see cref="ImageStageDataView"/>, which computes the stage's columns
/// several rows at a time; the portable chain's worker computes the same values one row at a time.
/// </remarks>
internal sealed class StageBinding
{
    private readonly TransformerChain<ITransformer> portable;
    private readonly IReadOnlyList<ImageGeometry> fittedInputs;
    private readonly string? notSaveable;

    public StageBinding(
        string stageName, ImageStage stage, string configText, DataViewSchema inputSchema, IReadOnlyList<ImageGeometry> fittedInputs,
        Func<MLContext, IEstimator<ITransformer>> worker, IReadOnlyList<StageOutputColumn> outputs, IReadOnlyList<PortableOutput> portableOutputs,
        int degreeOfParallelism, string? notSaveable)
    {
        StageName = stageName;
        Stage = stage;
        InputColumns = stage.InputColumns;
        this.fittedInputs = fittedInputs;
        Outputs = outputs;
        DegreeOfParallelism = degreeOfParallelism;
        this.notSaveable = notSaveable;
        StageRuntimeCache.Register(configText, stage);
        ConfigText = configText;
        portable = PortableStageChain.Build(
            inputSchema, configText, [.. InputColumns.Select((c, i) => new PortableInput(c, fittedInputs[i]))], worker, portableOutputs);
    }

    /// <summary>The stage's name in messages (<c>DownscaleImages</c>, <c>ComputeFidelity</c>).</summary>
    public string StageName { get; }

    /// <summary>The runtime stage.</summary>
    public ImageStage Stage { get; }

    /// <summary>The configuration text (kept alive with the transformer; the runtime cache is keyed by it).</summary>
    public string ConfigText { get; }

    /// <summary>The input image columns.</summary>
    public IReadOnlyList<string> InputColumns { get; }

    /// <summary>The output columns.</summary>
    public IReadOnlyList<StageOutputColumn> Outputs { get; }

    /// <summary>Rows computed at once by <see cref="Transform"/>.</summary>
    public int DegreeOfParallelism { get; }

    /// <summary>The output schema, computed from the schema alone.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        CheckInputs(inputSchema);
        return portable.GetOutputSchema(inputSchema);
    }

    /// <summary>The row-to-row mapper (used by <c>PredictionEngine</c>): the portable chain's.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        CheckInputs(inputSchema);
        return ((ITransformer)portable).GetRowToRowMapper(inputSchema);
    }

    /// <summary>The lazy, parallel output view.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInputs(input.Schema);
        return new ImageStageDataView(input, portable.Transform(input), this);
    }

    /// <summary>Writes the portable chain into ML.NET's save context.</summary>
    /// <exception cref="InvalidOperationException">The stage holds a model that cannot be saved.</exception>
    public void Save(ModelSaveContext context)
    {
        if (notSaveable is not null)
        {
            throw new InvalidOperationException($"{StageName} cannot be saved: {notSaveable}");
        }

        ((ICanSaveModel)portable).Save(context);
    }

    private void CheckInputs(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        for (int i = 0; i < InputColumns.Count; i++)
        {
            ImageGeometry found = ImageColumns.Require(inputSchema, InputColumns[i], StageName, "input");
            ImageColumns.RequireFitted(found, fittedInputs[i], InputColumns[i], StageName, nameof(inputSchema));
        }
    }
}
