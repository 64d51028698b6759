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
/// What every image transformer is made of: the runtime <see cref="ImageStage"/>, its saveable ML.NET form
/// (<see cref="PortableStageChain"/>), and the columns it reads and writes.
/// </summary>
/// <remarks>
/// The transformer's schema, row-to-row mapper (<c>PredictionEngine</c>) and saved form are the portable chain's. Only
/// <c>Transform</c> differs: it returns a <see cref="ImageStageDataView"/>, which computes the stage's columns several
/// rows at a time; the portable chain's worker computes the same values one row at a time.
/// </remarks>
internal sealed class StageBinding(
    string stageName, ImageStage stage, string configText, DataViewSchema inputSchema, IReadOnlyList<ImageGeometry> fittedInputs,
    Func<MLContext, IEstimator<ITransformer>> worker, IReadOnlyList<StageOutputColumn> outputs, IReadOnlyList<PortableOutput> portableOutputs,
    int degreeOfParallelism, string? notSaveable)
    : PortableStageBinding<ImageStage>(
        stageName, stage, configText, inputSchema, [.. stage.InputColumns.Select((c, i) => new PortableInput(c, fittedInputs[i]))],
        worker, portableOutputs, notSaveable)
{
    /// <summary>The input image columns.</summary>
    public IReadOnlyList<string> InputColumns { get; } = stage.InputColumns;

    /// <summary>The output columns.</summary>
    public IReadOnlyList<StageOutputColumn> Outputs { get; } = outputs;

    /// <summary>Rows computed at once by <c>Transform</c>.</summary>
    public int DegreeOfParallelism { get; } = degreeOfParallelism;

    /// <summary>The lazy, parallel output view.</summary>
    protected override IDataView CreateView(IDataView input, IDataView portableView) => new ImageStageDataView(input, portableView, this);

    /// <inheritdoc />
    protected override void CheckInputs(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        for (int i = 0; i < InputColumns.Count; i++)
        {
            ImageGeometry found = ImageColumns.Require(inputSchema, InputColumns[i], StageName, "input");
            ImageColumns.RequireFitted(found, fittedInputs[i], InputColumns[i], StageName, nameof(inputSchema));
        }
    }
}
