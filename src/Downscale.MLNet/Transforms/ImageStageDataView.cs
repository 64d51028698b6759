using Microsoft.ML;

namespace Downscale.MLNet.Transforms;

/// <summary>
/// The output of one of our transformers: the input's columns plus the stage's, computed lazily and only when a cursor
/// asks for a stage column, several rows at a time, in the input's order.
/// </summary>
/// <remarks>
/// The schema is the portable chain's (see <see cref="StageBinding"/>). A cursor that needs none of the stage's
/// columns is the portable view's own (nothing is computed). Otherwise <see cref="PrefetchingCursor"/> reads the input
/// images ahead with one cursor and serves every other column from a second cursor that moves in step with the caller.
/// </remarks>
internal sealed class ImageStageDataView : IDataView
{
    private readonly IDataView input;
    private readonly IDataView passThrough;

    public ImageStageDataView(IDataView input, IDataView passThrough, StageBinding binding)
    {
        this.input = input;
        this.passThrough = passThrough;
        Binding = binding;
        Schema = passThrough.Schema;
        OutputIndices = [.. binding.Outputs.Select(o => Schema[o.Name].Index)];
        SourceColumns = [.. binding.InputColumns.Select(c => input.Schema[c])];
    }

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public DataViewSchema Schema { get; }

    /// <summary>The stage.</summary>
    internal StageBinding Binding { get; }

    /// <summary>Indices in <see cref="Schema"/> of the stage's outputs, in <see cref="StageBinding.Outputs"/> order.</summary>
    internal int[] OutputIndices { get; }

    /// <summary>The input image columns, in the stage's input order.</summary>
    internal DataViewSchema.Column[] SourceColumns { get; }

    /// <inheritdoc />
    public long? GetRowCount() => input.GetRowCount();

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var needed = columnsNeeded.ToList();
        var ours = needed.Where(c => OutputIndices.Contains(c.Index)).ToList();
        if (ours.Count == 0)
        {
            return passThrough.GetRowCursor(needed);
        }

        var others = needed.Where(c => !OutputIndices.Contains(c.Index)).ToList();
        DataViewRowCursor? follower = others.Count > 0 ? passThrough.GetRowCursor(others) : null;
        DataViewRowCursor lead = input.GetRowCursor(SourceColumns);
        return new PrefetchingCursor(this, lead, follower, [.. needed.Select(c => c.Index)]);
    }

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
