namespace Downscale.Core.Imaging;

/// <summary>Splits per-row work into contiguous row blocks and runs them in parallel when the image is large enough to pay.</summary>
internal static class RowParallel
{
    /// <summary>Below this many elements the work runs on the calling thread: scheduling would cost more than it saves.</summary>
    internal const long SerialThreshold = 1 << 18;

    /// <summary>Calls <paramref name="body"/> with row ranges [start, end) that together cover [0, <paramref name="rows"/>).</summary>
    /// <param name="rows">Number of rows.</param>
    /// <param name="elementsPerRow">Work per row, used only to decide whether to go parallel.</param>
    /// <param name="body">Processes rows [start, end); called concurrently on disjoint ranges.</param>
    public static void For(int rows, long elementsPerRow, Action<int, int> body)
    {
        int workers = Environment.ProcessorCount;
        if (workers == 1 || rows < 2 || (long)rows * elementsPerRow < SerialThreshold)
        {
            body(0, rows);
            return;
        }

        // A few blocks per worker balance uneven rows without paying per-row scheduling.
        int blocks = Math.Min(rows, workers * 4);
        Parallel.For(0, blocks, block =>
        {
            int start = (int)((long)rows * block / blocks);
            int end = (int)((long)rows * (block + 1) / blocks);
            body(start, end);
        });
    }
}
