using Downscale.Core.Raw;

namespace Downscale.Onnx.Export.RawWavelet;

/// <summary>
/// A resampling table for every axis length that is a multiple of a block, written as what a graph with a symbolic
/// length can compute: a polyphase filter that maps each m inputs to n outputs (the same n windows shifted by m), plus
/// fixed tables for the first <see cref="HeadCount"/> and the last <see cref="TailCount"/> outputs, whose windows the
/// border changes (PIL renormalises truncated windows, for example).
/// </summary>
/// <remarks>
/// Built from the real tables (<see cref="AxisTaps"/>) and checked against them at several lengths: if a table does
/// not decompose this way the exporter refuses the model rather than approximate it.
/// </remarks>
internal sealed class PeriodicAxisTaps
{
    private const float Tolerance = 1e-6f;

    private PeriodicAxisTaps(int m, int n, int low, float[,] phases, float[,] head, float[,] tail)
    {
        InputPeriod = m;
        OutputPeriod = n;
        Low = low;
        Phases = phases;
        Head = head;
        Tail = tail;
    }

    /// <summary>m: inputs per period.</summary>
    public int InputPeriod { get; }

    /// <summary>n: outputs per period.</summary>
    public int OutputPeriod { get; }

    /// <summary>Offset of the polyphase window: output b·n + p reads inputs from <c>b·m + Low</c> on.</summary>
    public int Low { get; }

    /// <summary>n x window weights: row p holds phase p's weights from <see cref="Low"/> on.</summary>
    public float[,] Phases { get; }

    /// <summary><see cref="HeadCount"/> x inputs: the first outputs from the first inputs.</summary>
    public float[,] Head { get; }

    /// <summary><see cref="TailCount"/> x inputs: the last outputs from the last inputs (both counted from the end).</summary>
    public float[,] Tail { get; }

    /// <summary>Polyphase window length.</summary>
    public int Window => Phases.GetLength(1);

    /// <summary>Outputs taken from <see cref="Head"/>.</summary>
    public int HeadCount => Head.GetLength(0);

    /// <summary>Outputs taken from <see cref="Tail"/>.</summary>
    public int TailCount => Tail.GetLength(0);

    /// <summary>Decomposes <paramref name="table"/> (a function of the input length) for input lengths that are multiples of <paramref name="block"/>.</summary>
    /// <param name="table">The table for an input length; its output length must be length·n/m.</param>
    /// <param name="m">Inputs per period.</param>
    /// <param name="n">Outputs per period.</param>
    /// <param name="block">The smallest input length (a multiple of m).</param>
    /// <param name="what">Names the filter in the refusal message.</param>
    /// <exception cref="OnnxExportException">The tables do not decompose into a polyphase filter with fixed borders.</exception>
    public static PeriodicAxisTaps Decompose(Func<int, AxisTaps> table, int m, int n, int block, string what)
    {
        int reference = block * 8;
        float[] dense = Dense(table(reference), out int outputs);
        int middle = reference / m / 2;
        var windows = new (int Start, float[] Weights)[n];
        for (int p = 0; p < n; p++)
        {
            windows[p] = Trim(dense, reference, (middle * n) + p, -middle * m);
        }

        int low = windows.Min(w => w.Start), high = windows.Max(w => w.Start + w.Weights.Length);
        var phases = new float[n, high - low];
        for (int p = 0; p < n; p++)
        {
            for (int t = 0; t < windows[p].Weights.Length; t++)
            {
                phases[p, windows[p].Start - low + t] = windows[p].Weights[t];
            }
        }

        // Outputs whose row differs from the periodic one, from each end.
        int head = 0, tail = 0;
        for (int j = 0; j < outputs / 2; j++)
        {
            if (!RowMatches(dense, reference, j, Periodic(phases, low, m, n, reference, j)))
            {
                head = j + 1;
            }

            int last = outputs - 1 - j;
            if (!RowMatches(dense, reference, last, Periodic(phases, low, m, n, reference, last)))
            {
                tail = j + 1;
            }
        }

        var result = new PeriodicAxisTaps(m, n, low, phases, Rows(dense, reference, 0, head, fromEnd: false), Rows(dense, reference, outputs - tail, tail, fromEnd: true));
        foreach (int length in new[] { block, 2 * block, 3 * block, reference })
        {
            result.Check(table(length), length, what);
        }

        return result;
    }

    private void Check(AxisTaps taps, int length, string what)
    {
        float[] dense = Dense(taps, out int outputs);
        int n = OutputPeriod, m = InputPeriod;
        bool fits = outputs == length / m * n && HeadCount + TailCount <= outputs
            && Head.GetLength(1) <= length && Tail.GetLength(1) <= length;
        for (int j = 0; fits && j < outputs; j++)
        {
            float[] expected = j < HeadCount
                ? RowOf(Head, j, 0, length)
                : j >= outputs - TailCount
                    ? RowOf(Tail, j - (outputs - TailCount), length - Tail.GetLength(1), length)
                    : Periodic(Phases, Low, m, n, length, j);
            fits = RowMatches(dense, length, j, expected);
        }

        if (!fits)
        {
            throw new OnnxExportException(
                $"The {what} of a {length}-sample axis is not a fixed polyphase filter ({m} → {n}) with fixed borders, so it has no ONNX form for a symbolic size.");
        }
    }

    private static float[] Dense(AxisTaps taps, out int outputs)
    {
        outputs = taps.OutputLength;
        var dense = new float[outputs * taps.InputLength];
        for (int j = 0; j < outputs; j++)
        {
            for (int k = 0; k < taps.TapCount; k++)
            {
                dense[(j * taps.InputLength) + taps.IndexOf(j, k)] += taps.Weights[(j * taps.TapCount) + k];
            }
        }

        return dense;
    }

    private static (int Start, float[] Weights) Trim(float[] dense, int length, int row, int shift)
    {
        ReadOnlySpan<float> values = dense.AsSpan(row * length, length);
        int first = values.IndexOfAnyExcept(0f), last = values.LastIndexOfAnyExcept(0f);
        return (first + shift, values[first..(last + 1)].ToArray());
    }

    /// <summary>The dense row of output <paramref name="j"/> that the polyphase filter gives (indices outside the axis dropped).</summary>
    private static float[] Periodic(float[,] phases, int low, int m, int n, int length, int j)
    {
        var row = new float[length];
        int start = (j / n * m) + low, p = j % n;
        for (int t = 0; t < phases.GetLength(1); t++)
        {
            int index = start + t;
            if (phases[p, t] != 0f)
            {
                if (index < 0 || index >= length)
                {
                    return [.. Enumerable.Repeat(float.NaN, length)]; // reads beyond the border: never matches
                }

                row[index] = phases[p, t];
            }
        }

        return row;
    }

    private static bool RowMatches(float[] dense, int length, int j, float[] row)
    {
        for (int i = 0; i < length; i++)
        {
            if (!(Math.Abs(dense[(j * length) + i] - row[i]) <= Tolerance))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Rows [first, first + count) restricted to the inputs they read: from 0 (head) or up to the end (tail).</summary>
    private static float[,] Rows(float[] dense, int length, int first, int count, bool fromEnd)
    {
        int reach = 0;
        for (int j = first; j < first + count; j++)
        {
            ReadOnlySpan<float> values = dense.AsSpan(j * length, length);
            reach = Math.Max(reach, fromEnd ? length - values.IndexOfAnyExcept(0f) : values.LastIndexOfAnyExcept(0f) + 1);
        }

        var rows = new float[count, reach];
        for (int j = 0; j < count; j++)
        {
            for (int i = 0; i < reach; i++)
            {
                rows[j, i] = dense[((first + j) * length) + (fromEnd ? length - reach + i : i)];
            }
        }

        return rows;
    }

    private static float[] RowOf(float[,] rows, int j, int offset, int length)
    {
        var row = new float[length];
        for (int i = 0; i < rows.GetLength(1); i++)
        {
            row[offset + i] = rows[j, i];
        }

        return row;
    }
}
