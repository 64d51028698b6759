using Downscale.Core.Imaging;
using Downscale.MLNet.Imaging;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Transforms;

/// <summary>
/// Serves a stage's columns in the input's order while computing up to <see cref="StageBinding.DegreeOfParallelism"/>
/// rows at once.
/// </summary>
/// <remarks>
/// <para>
/// A lead cursor reads the input images of the rows ahead (on the caller's thread, converting each to planar floats at
/// once, so the upstream stage may reuse its image) and starts each row's computation on the thread pool. With a degree
/// of 1 nothing runs ahead: a row is computed when one of its stage columns is first read. A follower cursor, moved in
/// step with the caller, serves every other column. Memory: at most the degree's worth of rows (inputs and results) are
/// held beyond the current one.
/// </para>
/// <para>Errors (an unreadable input, a failed computation) surface when the failing row's stage column is read.</para>
/// </remarks>
internal sealed class PrefetchingCursor : DataViewRowCursor
{
    private readonly ImageStageDataView view;
    private readonly DataViewRowCursor lead;
    private readonly DataViewRowCursor? follower;
    private readonly HashSet<int> active;
    private readonly ValueGetter<MLImage>[] sourceGetters;
    private readonly MLImage?[] sourceBuffers;
    private readonly ValueGetter<DataViewRowId> leadId;
    private readonly Queue<PendingRow> pending = new();
    private readonly int window;
    private PendingRow? current;
    private bool leadDone;
    private bool disposed;
    private long position = -1;

    public PrefetchingCursor(ImageStageDataView view, DataViewRowCursor lead, DataViewRowCursor? follower, IEnumerable<int> activeColumns)
    {
        this.view = view;
        this.lead = lead;
        this.follower = follower;
        active = [.. activeColumns];
        sourceGetters = [.. view.SourceColumns.Select(lead.GetGetter<MLImage>)];
        sourceBuffers = new MLImage?[sourceGetters.Length];
        leadId = lead.GetIdGetter();
        window = Math.Max(1, view.Binding.DegreeOfParallelism);
    }

    /// <inheritdoc />
    public override long Position => position;

    /// <inheritdoc />
    public override long Batch => 0;

    /// <inheritdoc />
    public override DataViewSchema Schema => view.Schema;

    /// <inheritdoc />
    public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

    /// <inheritdoc />
    public override bool MoveNext()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        current = null;
        if (follower is not null && !follower.MoveNext())
        {
            return false;
        }

        Fill();
        if (!pending.TryDequeue(out current))
        {
            if (follower is not null)
            {
                throw new InvalidOperationException("The input data view returned fewer rows to a second cursor than to the first; it must give every cursor the same rows.");
            }

            return false;
        }

        position++;
        return true;
    }

    /// <inheritdoc />
    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        int output = Array.IndexOf(view.OutputIndices, column.Index);
        if (output < 0)
        {
            return follower?.GetGetter<TValue>(column)
                ?? throw new InvalidOperationException($"Column '{column.Name}' was not requested when this cursor was created.");
        }

        if (!active.Contains(column.Index))
        {
            throw new InvalidOperationException($"Column '{column.Name}' was not requested when this cursor was created.");
        }

        Delegate getter = view.Binding.Outputs[output].MakeGetter(CurrentResult);
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type}; it cannot be read as {typeof(TValue).Name}.");
    }

    /// <inheritdoc />
    public override ValueGetter<DataViewRowId> GetIdGetter() =>
        follower?.GetIdGetter() ?? ((ref DataViewRowId value) => value = Current().Id);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            foreach (PendingRow row in pending)
            {
                row.Abandon();
            }

            pending.Clear();
            lead.Dispose();
            follower?.Dispose();
        }

        base.Dispose(disposing);
    }

    private PendingRow Current() =>
        current ?? throw new InvalidOperationException("The cursor is not on a row: call MoveNext first.");

    private object CurrentResult() => Current().Result();

    /// <summary>Reads rows until <see cref="window"/> are pending: with the current row, never more than the window in flight.</summary>
    private void Fill()
    {
        while (!leadDone && pending.Count < window)
        {
            if (!lead.MoveNext())
            {
                leadDone = true;
                return;
            }

            pending.Enqueue(ReadRow());
        }
    }

    private PendingRow ReadRow()
    {
        DataViewRowId id = default;
        leadId(ref id);
        try
        {
            var inputs = new PlanarImage[sourceGetters.Length];
            for (int i = 0; i < inputs.Length; i++)
            {
                sourceGetters[i](ref sourceBuffers[i]!);
                inputs[i] = sourceBuffers[i]?.ToPlanarImage()
                    ?? throw new InvalidOperationException($"Column '{view.SourceColumns[i].Name}' holds no image in row {lead.Position}.");
            }

            return new PendingRow(id, () => view.Binding.Stage.Compute(inputs), runNow: window > 1);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new PendingRow(id, e);
        }
    }

    /// <summary>One row's result: started on the thread pool, computed on demand, or failed while being read.</summary>
    private sealed class PendingRow
    {
        private readonly Lazy<object>? lazy;
        private readonly Task<object>? task;
        private readonly Exception? failure;

        public PendingRow(DataViewRowId id, Func<object> compute, bool runNow)
        {
            Id = id;
            if (runNow)
            {
                task = Task.Run(compute);
            }
            else
            {
                lazy = new Lazy<object>(compute, LazyThreadSafetyMode.ExecutionAndPublication);
            }
        }

        public PendingRow(DataViewRowId id, Exception failure)
        {
            Id = id;
            this.failure = failure;
        }

        public DataViewRowId Id { get; }

        public object Result()
        {
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            return task is not null ? task.GetAwaiter().GetResult() : lazy!.Value;
        }

        /// <summary>Waits for a started computation to end (its result or error is dropped) so nothing outlives the cursor.</summary>
        public void Abandon()
        {
            try
            {
                task?.Wait();
            }
            catch (AggregateException)
            {
                // The row was never read; its error does not matter.
            }
        }
    }
}
