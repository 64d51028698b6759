using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Tests.Contracts;

/// <summary>
/// Wraps a data view and counts what its consumers read: cursors opened, rows moved to, and values fetched per column
/// (a fetched image column is a decoded image). Proves laziness: nothing read before a cursor asks, only active columns.
/// </summary>
internal sealed class CountingDataView(IDataView inner) : IDataView
{
    private int cursors;
    private int rows;
    private readonly int[] fetched = new int[inner.Schema.Count];

    public int Cursors => cursors;

    public int Rows => rows;

    public bool CanShuffle => inner.CanShuffle;

    public DataViewSchema Schema => inner.Schema;

    public int Fetched(string column) => Volatile.Read(ref fetched[inner.Schema[column].Index]);

    public long? GetRowCount() => inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        Interlocked.Increment(ref cursors);
        return new Cursor(this, inner.GetRowCursor(columnsNeeded, rand));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(CountingDataView owner, DataViewRowCursor inner) : DataViewRowCursor
    {
        public override long Position => inner.Position;

        public override long Batch => inner.Batch;

        public override DataViewSchema Schema => inner.Schema;

        public override bool MoveNext()
        {
            bool moved = inner.MoveNext();
            if (moved)
            {
                Interlocked.Increment(ref owner.rows);
            }

            return moved;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            ValueGetter<TValue> getter = inner.GetGetter<TValue>(column);
            return (ref TValue value) =>
            {
                Interlocked.Increment(ref owner.fetched[column.Index]);
                getter(ref value);
            };
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
