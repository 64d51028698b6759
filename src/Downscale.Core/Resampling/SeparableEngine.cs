namespace Downscale.Core.Resampling;

/// <summary>
/// Runs the two passes of a separable resize over every plane, row-parallel. Rows are contiguous runs of
/// <c>width x channels</c> elements; planes are independent (a planar image has channels = 1 and one plane per
/// colour, an interleaved image one plane with channels = 3 or 4).
/// </summary>
/// <remarks>
/// Vertical-first (the default): each work item is a band of eight output rows. When the band reads few input rows,
/// the vertical pass computes 8 columns x 8 rows at a time and transposes them in registers straight into the
/// element-major scratch of the horizontal pass; otherwise it writes the 8 rows and the horizontal pass transposes
/// them. Nothing image-sized is allocated.
/// Horizontal-first (PIL): each work item is a chunk of output rows; the horizontal pass computes the input rows the
/// chunk needs into a per-worker intermediate (clamped to [0, clampMax] as PIL's uint8 intermediate), then the vertical
/// pass reads it. Rows shared by two chunks are computed twice, which costs a few percent and keeps workers independent.
/// Scratch buffers are rented once per worker, never inside the loops.
/// </remarks>
internal static unsafe class SeparableEngine
{
    private const int Band = HorizontalPass.Band;

    /// <summary>Most input rows per band for the fused vertical pass (measured on Zen 2/3: x2 bicubic fused, x4 not).</summary>
    private const int MaxFusedRows = 24;

    /// <summary>Resizes <paramref name="planes"/> planes from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    /// <param name="source">First element of plane 0; plane p starts <paramref name="inPlaneStride"/> bytes later.</param>
    /// <param name="destination">First element of output plane 0; plane p starts <paramref name="outPlaneStride"/> bytes later.</param>
    /// <param name="planes">Independent planes sharing the tables.</param>
    /// <param name="inPlaneStride">Bytes between input planes.</param>
    /// <param name="outPlaneStride">Bytes between output planes.</param>
    /// <param name="channels">Interleaved channels per pixel.</param>
    /// <param name="horizontal">Weights along x.</param>
    /// <param name="vertical">Weights along y.</param>
    /// <param name="horizontalFirst">Run the horizontal pass first (PIL).</param>
    /// <param name="clampMax">When positive, the intermediate of a horizontal-first run is clamped to [0, clampMax].</param>
    /// <param name="degree">Most worker threads.</param>
    public static void Run<TIn, TOut>(
        byte* source, byte* destination, int planes, long inPlaneStride, long outPlaneStride, int channels,
        AxisWeights horizontal, AxisWeights vertical, bool horizontalFirst, float clampMax, int degree)
        where TIn : struct, IPixelFormat
        where TOut : struct, IPixelFormat
    {
        fixed (int* hStarts = horizontal.Starts, vStarts = vertical.Starts)
        fixed (float* hWeights = horizontal.Weights, vWeights = vertical.Weights)
        {
            var job = new Job(
                (nint)source, (nint)destination, inPlaneStride, outPlaneStride, channels,
                horizontal.InputSize * channels, horizontal.OutputSize * channels, vertical.OutputSize,
                new AxisWeightsView(hStarts, hWeights, horizontal.TapCount),
                new AxisWeightsView(vStarts, vWeights, vertical.TapCount));
            if (horizontalFirst)
            {
                RunHorizontalFirst<TIn, TOut>(job, planes, clampMax, degree);
            }
            else
            {
                RunVerticalFirst<TIn, TOut>(job, planes, degree);
            }
        }
    }

    private static void RunVerticalFirst<TIn, TOut>(Job job, int planes, int degree)
        where TIn : struct, IPixelFormat
        where TOut : struct, IPixelFormat
    {
        int bands = (job.OutHeight + Band - 1) / Band;
        AxisWeightsView v = job.Vertical;
        int span = 0;
        for (int band = 0; band < bands; band++)
        {
            (int first, int end) = InputRows(v, band * Band, Math.Min((band + 1) * Band, job.OutHeight));
            span = Math.Max(span, end - first);
        }

        // The fused pass reads all input rows of a band at once, column group by column group; beyond ~24 rows the
        // CPU's prefetchers lose track of that many streams, and row-by-row passes plus a transpose win.
        bool fused = span <= MaxFusedRows;
        int scratchLength = ((fused ? 1 : 2) * Band * job.InCount) + job.OutCount + Band;
        Workers.ForEach(planes * bands, degree, scratchLength, (item, scratch) =>
        {
            int plane = item / bands;
            int y0 = (item % bands) * Band;
            int valid = Math.Min(Band, job.OutHeight - y0);
            byte* src = (byte*)job.Source + (plane * job.InPlaneStride);
            byte* dst = (byte*)job.Destination + (plane * job.OutPlaneStride);
            nint inRow = job.InCount * TIn.Size;
            nint outRow = job.OutCount * TOut.Size;
            float* transposed = scratch;
            float* rows = scratch + (Band * job.InCount);
            byte* dummy = (byte*)(rows + (fused ? 0 : Band * job.InCount));
            byte** dstRows = stackalloc byte*[Band];
            for (int r = 0; r < Band; r++)
            {
                dstRows[r] = r < valid ? dst + ((y0 + r) * outRow) : dummy;
            }

            if (fused)
            {
                VerticalPass.BandTransposed<TIn>(src, inRow, v, y0, valid, job.InCount, transposed);
                HorizontalPass.FromTransposed<TOut>(dstRows, job.OutCount, job.Channels, job.Horizontal, transposed, 0f);
                return;
            }

            byte** srcRows = stackalloc byte*[Band];
            for (int r = 0; r < Band; r++)
            {
                if (r < valid)
                {
                    int y = y0 + r;
                    float* row = rows + (r * job.InCount);
                    VerticalPass.Row<TIn, FloatFormat>(
                        src + (v.Starts[y] * inRow), inRow, v.Weights + (y * v.TapCount), v.TapCount, (byte*)row, job.InCount);
                    srcRows[r] = (byte*)row;
                }
                else
                {
                    srcRows[r] = srcRows[valid - 1];
                }
            }

            HorizontalPass.FromRows<FloatFormat, TOut>(
                srcRows, job.InCount, dstRows, job.OutCount, job.Channels, job.Horizontal, transposed, 0f);
        });
    }

    private static void RunHorizontalFirst<TIn, TOut>(Job job, int planes, float clampMax, int degree)
        where TIn : struct, IPixelFormat
        where TOut : struct, IPixelFormat
    {
        AxisWeightsView v = job.Vertical;
        int chunkRows = Math.Clamp((job.OutHeight + (2 * degree) - 1) / (2 * degree), Band, 64);
        int chunks = (job.OutHeight + chunkRows - 1) / chunkRows;
        int maxInputRows = 0;
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            (int first, int end) = InputRows(v, chunk * chunkRows, Math.Min((chunk + 1) * chunkRows, job.OutHeight));
            maxInputRows = Math.Max(maxInputRows, end - first);
        }

        int scratchLength = (Band * job.InCount) + (maxInputRows * job.OutCount) + job.OutCount + Band;
        Workers.ForEach(planes * chunks, degree, scratchLength, (item, scratch) =>
        {
            int plane = item / chunks;
            int oy0 = (item % chunks) * chunkRows;
            int oy1 = Math.Min(oy0 + chunkRows, job.OutHeight);
            (int first, int end) = InputRows(v, oy0, oy1);
            byte* src = (byte*)job.Source + (plane * job.InPlaneStride);
            byte* dst = (byte*)job.Destination + (plane * job.OutPlaneStride);
            nint inRow = job.InCount * TIn.Size;
            nint outRow = job.OutCount * TOut.Size;
            float* transposed = scratch;
            float* intermediate = scratch + (Band * job.InCount);
            byte* dummy = (byte*)(intermediate + (maxInputRows * job.OutCount));
            byte** srcRows = stackalloc byte*[Band];
            byte** dstRows = stackalloc byte*[Band];
            for (int y = first; y < end; y += Band)
            {
                for (int r = 0; r < Band; r++)
                {
                    bool inside = y + r < end;
                    srcRows[r] = src + (Math.Min(y + r, end - 1) * inRow);
                    dstRows[r] = inside ? (byte*)(intermediate + ((y + r - first) * job.OutCount)) : dummy;
                }

                HorizontalPass.FromRows<TIn, FloatFormat>(
                    srcRows, job.InCount, dstRows, job.OutCount, job.Channels, job.Horizontal, transposed, clampMax);
            }

            nint midRow = job.OutCount * sizeof(float);
            for (int oy = oy0; oy < oy1; oy++)
            {
                VerticalPass.Row<FloatFormat, TOut>(
                    (byte*)(intermediate + ((v.Starts[oy] - first) * job.OutCount)), midRow,
                    v.Weights + (oy * v.TapCount), v.TapCount, dst + (oy * outRow), job.OutCount);
            }
        });
    }

    /// <summary>The input rows [first, end) that output rows [oy0, oy1) read.</summary>
    private static (int First, int End) InputRows(AxisWeightsView v, int oy0, int oy1)
    {
        int first = int.MaxValue, end = 0;
        for (int oy = oy0; oy < oy1; oy++)
        {
            first = Math.Min(first, v.Starts[oy]);
            end = Math.Max(end, v.Starts[oy] + v.TapCount);
        }

        return (first, end);
    }

    /// <summary>Everything a work item needs, as plain values (pointers as nint so lambdas can capture them).</summary>
    private readonly record struct Job(
        nint Source, nint Destination, long InPlaneStride, long OutPlaneStride, int Channels,
        int InCount, int OutCount, int OutHeight, AxisWeightsView Horizontal, AxisWeightsView Vertical);
}
