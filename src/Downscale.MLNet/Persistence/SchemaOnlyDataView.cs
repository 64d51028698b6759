using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Persistence;

/// <summary>A data view with a schema and no rows: what ML.NET's trivial estimators need to be fitted without reading data.</summary>
internal sealed class SchemaOnlyDataView(DataViewSchema schema) : IDataView
{
    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public DataViewSchema Schema { get; } = schema;

    /// <inheritdoc />
    public long? GetRowCount() => 0;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new EmptyCursor(Schema);

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new EmptyCursor(Schema)];

    private sealed class EmptyCursor(DataViewSchema schema) : DataViewRowCursor
    {
        public override long Position => -1;

        public override long Batch => 0;

        public override DataViewSchema Schema { get; } = schema;

        public override bool MoveNext() => false;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            throw new InvalidOperationException("This data view has no rows.");

        public override ValueGetter<DataViewRowId> GetIdGetter() => throw new InvalidOperationException("This data view has no rows.");

        public override bool IsColumnActive(DataViewSchema.Column column) => false;
    }
}
