using Downscale.MLNet.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Transforms;

/// <summary>
/// The <see cref="ITransformer"/> face shared by this library's fitted stages: lazy, row-to-row (works in
/// <c>PredictionEngine</c>), and saveable with <c>mlContext.Model.Save</c>.
/// </summary>
public abstract class StageTransformer : ITransformer
{
    /// <summary>Only this library's stages derive from this class.</summary>
    private protected StageTransformer()
    {
    }

    /// <inheritdoc />
    public bool IsRowToRowMapper => true;

    /// <summary>What the stage delegates to.</summary>
    private protected abstract IStageBinding Binding { get; }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Binding.GetOutputSchema(inputSchema);

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => Binding.GetRowToRowMapper(inputSchema);

    /// <inheritdoc />
    public IDataView Transform(IDataView input) => Binding.Transform(input);

    /// <inheritdoc />
    void ICanSaveModel.Save(ModelSaveContext ctx) => Binding.Save(ctx);
}
