using static Downscale.Onnx.Export.OnnxGraph;

namespace Downscale.Onnx.Export.RawWavelet;

/// <summary>
/// Applies a <see cref="PeriodicAxisTaps"/> along the rows (or, through two transposes, the columns) of an
/// N x C x L x W value with symbolic N, L and W: the polyphase filter is a Conv with n filters of the window length
/// at stride m over the edge-padded rows, whose n phase planes are interleaved by Transpose and Reshape; the head and
/// tail outputs are MatMuls of their fixed tables with the first and last input rows, concatenated around the middle.
/// </summary>
internal sealed class AxisTapsGraph(OnnxGraph graph, ShapeOps shapes)
{
    /// <summary><paramref name="input"/> resampled along axis 2.</summary>
    public string Rows(string input, int channels, PeriodicAxisTaps taps, string prefix)
    {
        int m = taps.InputPeriod, n = taps.OutputPeriod, window = taps.Window, low = taps.Low;
        string flat = shapes.Reshape(input, $"{prefix}.flat", -1, 1, 0, 0);

        // Padded row i is input row i + low; the last period's window ends at L - m + window + low.
        int before = Math.Max(0, -low), after = Math.Max(0, window + low - m);
        string shifted = low > 0
            ? graph.Node("Slice", $"{prefix}.skip", [flat, shapes.Constant(low), shapes.Constant(long.MaxValue), shapes.Constant(2)])
            : flat;
        string padded = before + after == 0
            ? shifted
            : graph.Node("Pad", $"{prefix}.pad", [shifted, graph.Int64s($"{prefix}.pads", 0, 0, before, 0, 0, 0, after, 0)], OnnxGraph.String("mode", "edge"));

        var filter = new float[n * window];
        for (int p = 0; p < n; p++)
        {
            for (int t = 0; t < window; t++)
            {
                filter[(p * window) + t] = taps.Phases[p, t];
            }
        }

        string phases = graph.Node("Conv", $"{prefix}.polyphase",
            [padded, graph.Floats($"{prefix}.phases", [n, 1, window, 1], filter)], Ints("kernel_shape", window, 1), Ints("strides", m, 1));
        string interleaved = graph.Node("Transpose", $"{prefix}.interleave", [phases], Ints("perm", 0, 2, 1, 3));
        string periodic = shapes.Reshape(interleaved, $"{prefix}.periodic", shapes.Dim(input, 0), channels, -1, shapes.Dim(input, 3));
        if (taps.HeadCount + taps.TailCount == 0)
        {
            return periodic;
        }

        var parts = new List<string>();
        if (taps.HeadCount > 0)
        {
            string first = graph.Node("Slice", $"{prefix}.head_rows",
                [input, shapes.Constant(0), shapes.Constant(taps.Head.GetLength(1)), shapes.Constant(2)]);
            parts.Add(graph.Node("MatMul", $"{prefix}.head", [Matrix(taps.Head, $"{prefix}.head_table"), first]));
        }

        parts.Add(graph.Node("Slice", $"{prefix}.middle",
            [periodic, shapes.Constant(taps.HeadCount), shapes.Constant(taps.TailCount > 0 ? -taps.TailCount : long.MaxValue), shapes.Constant(2)]));
        if (taps.TailCount > 0)
        {
            string last = graph.Node("Slice", $"{prefix}.tail_rows",
                [input, shapes.Constant(-taps.Tail.GetLength(1)), shapes.Constant(long.MaxValue), shapes.Constant(2)]);
            parts.Add(graph.Node("MatMul", $"{prefix}.tail", [Matrix(taps.Tail, $"{prefix}.tail_table"), last]));
        }

        return graph.Node("Concat", prefix, [.. parts], Int("axis", 2));
    }

    /// <summary><paramref name="input"/> resampled along axis 3 (rows of the transposed value).</summary>
    public string Columns(string input, int channels, PeriodicAxisTaps taps, string prefix)
    {
        string transposed = graph.Node("Transpose", $"{prefix}.to_rows", [input], Ints("perm", 0, 1, 3, 2));
        return graph.Node("Transpose", prefix, [Rows(transposed, channels, taps, $"{prefix}.rows")], Ints("perm", 0, 1, 3, 2));
    }

    private string Matrix(float[,] values, string name)
    {
        int rows = values.GetLength(0), columns = values.GetLength(1);
        var flat = new float[rows * columns];
        Buffer.BlockCopy(values, 0, flat, 0, flat.Length * sizeof(float));
        return graph.Floats(name, [rows, columns], flat);
    }
}
