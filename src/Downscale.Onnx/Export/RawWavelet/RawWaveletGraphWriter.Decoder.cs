using static Downscale.Onnx.Export.OnnxGraph;

namespace Downscale.Onnx.Export.RawWavelet;

/// <summary>LASDM and HFPM (the Torch <c>Lasdm</c> and <c>Hfpm</c>).</summary>
internal sealed partial class RawWaveletGraphWriter
{
    /// <summary>The eps of the cosine similarity's L2 normalisation (the Torch <c>Hfpm.NormEpsilon</c>, F.normalize's default).</summary>
    private const float NormEpsilon = 1e-12f;

    private string? normEpsilon;

    /// <summary>Blocks, then PixelUnshuffle(m) - 1x1 merge - PixelShuffle(n), or the separable merge.</summary>
    private string Lasdm(string input, string prefix)
    {
        int c = spec.Features, m = spec.Scale.Input, n = spec.Scale.Output;
        string x = Blocks(input, $"{prefix}.blocks", spec.LasdmBlocks);
        if (spec.Merge == RawGraphMerge.Dense)
        {
            // pixel_unshuffle: (N, c, H/m, m, W/m, m) → (N, c, m, m, H/m, W/m) → (N, c m², H/m, W/m).
            string columns = shapes.Divide(shapes.Dim(x, 3), m);
            string split = shapes.Reshape(x, $"{prefix}.unshuffle_split", 0, c, -1, m, columns, m);
            string moved = graph.Node("Transpose", $"{prefix}.unshuffle_move", [split], Ints("perm", 0, 1, 3, 5, 2, 4));
            string unshuffled = shapes.Reshape(moved, $"{prefix}.unshuffle", 0, c * m * m, -1, columns);
            string merged = Conv(unshuffled, $"{prefix}.merge", c * m * m, c * n * n, 1);
            return graph.Node("DepthToSpace", $"{prefix}.shuffle", [merged], Int("blocksize", n), OnnxGraph.String("mode", "CRD"));
        }

        return MergeColumns(MergeRows(x, prefix), prefix);
    }

    /// <summary>(N, c, G m, W) → rows of each group as channels (N, c m, G, W) → 1x1 conv → (N, c, G n, W).</summary>
    private string MergeRows(string x, string prefix)
    {
        int c = spec.Features, m = spec.Scale.Input, n = spec.Scale.Output;
        string width = shapes.Dim(x, 3);
        string split = shapes.Reshape(x, $"{prefix}.rows_split", 0, c, -1, m, width);
        string stacked = shapes.Reshape(graph.Node("Transpose", $"{prefix}.rows_move", [split], Ints("perm", 0, 1, 3, 2, 4)), $"{prefix}.rows_stack", 0, c * m, -1, width);
        string merged = Conv(stacked, $"{prefix}.merge_rows", c * m, c * n, 1);
        string unstack = shapes.Reshape(merged, $"{prefix}.rows_unstack", 0, c, n, -1, width);
        return shapes.Reshape(graph.Node("Transpose", $"{prefix}.rows_back", [unstack], Ints("perm", 0, 1, 3, 2, 4)), $"{prefix}.rows_merged", 0, c, -1, width);
    }

    /// <summary>(N, c, H, G m) → columns of each group as channels (N, c m, H, G) → 1x1 conv → (N, c, H, G n).</summary>
    private string MergeColumns(string x, string prefix)
    {
        int c = spec.Features, m = spec.Scale.Input, n = spec.Scale.Output;
        string height = shapes.Dim(x, 2);
        string split = shapes.Reshape(x, $"{prefix}.cols_split", 0, c, height, -1, m);
        string stacked = shapes.Reshape(graph.Node("Transpose", $"{prefix}.cols_move", [split], Ints("perm", 0, 1, 4, 2, 3)), $"{prefix}.cols_stack", 0, c * m, height, -1);
        string merged = Conv(stacked, $"{prefix}.merge_cols", c * m, c * n, 1);
        string unstack = shapes.Reshape(merged, $"{prefix}.cols_unstack", 0, c, n, height, -1);
        return shapes.Reshape(graph.Node("Transpose", $"{prefix}.cols_back", [unstack], Ints("perm", 0, 1, 3, 4, 2)), $"{prefix}.cols_merged", 0, c, height, -1);
    }

    /// <summary>(V̂, Ĥ, D̂) from the HR feature bands and Â (Eq. 3-5 and the residual branch).</summary>
    private (string V, string H, string D) Hfpm(string v, string h, string d, string aHat, string prefix)
    {
        int c = spec.Features;
        string vTop = TopK(Blocks(v, $"{prefix}.v_blocks", spec.HfpmBlocks), shapes.Dim(aHat, 2), 2, $"{prefix}.v_top");
        string hTop = TopK(Blocks(h, $"{prefix}.h_blocks", spec.HfpmBlocks), shapes.Dim(aHat, 3), 3, $"{prefix}.h_top");

        string mapH = LocationMap(Conv(aHat, $"{prefix}.q_h", 4, c, 3), Conv(hTop, $"{prefix}.k_h", c, c, 3), $"{prefix}.map_h");
        string mapV = LocationMap(
            Transpose(Conv(aHat, $"{prefix}.q_v", 4, c, 3), $"{prefix}.q_v_t"), Transpose(Conv(vTop, $"{prefix}.k_v", c, c, 3), $"{prefix}.k_v_t"), $"{prefix}.map_v");
        string mapVt = Transpose(mapV, $"{prefix}.map_v_t");

        string hMapped = graph.Node("MatMul", $"{prefix}.h_mapped", [mapH, hTop]);
        string vMapped = graph.Node("MatMul", $"{prefix}.v_mapped", [vTop, mapVt]);
        string dMapped = graph.Node("MatMul", $"{prefix}.d_mapped", [graph.Node("MatMul", $"{prefix}.d_rows", [mapH, d]), mapVt]);
        string size = shapes.Target($"{prefix}.lr_size", shapes.Dims(v, 0, 2), shapes.Dims(aHat, 2, 4));
        return (Branch(vMapped, v, size, prefix, "v"), Branch(hMapped, h, size, prefix, "h"), Branch(dMapped, d, size, prefix, "d"));
    }

    /// <summary><c>{b}_out({b}_post(mapped)) + {b}_skip(bilinear(band, size))</c>.</summary>
    private string Branch(string mapped, string band, string size, string prefix, string b)
    {
        int c = spec.Features;
        string main = Conv(Blocks(mapped, $"{prefix}.{b}_post", spec.HfpmBlocks), $"{prefix}.{b}_out", c, 4, 3);
        string resized = graph.Node("Resize", $"{prefix}.{b}_resize", [band, string.Empty, string.Empty, size],
            OnnxGraph.String("mode", "linear"), OnnxGraph.String("coordinate_transformation_mode", "half_pixel"));
        return graph.Node("Add", $"{prefix}.{b}_hat", [main, Conv(resized, $"{prefix}.{b}_skip", c, 4, 1)]);
    }

    /// <summary>The top-K values along <paramref name="axis"/>, largest first (torch.topk(largest, sorted)).</summary>
    private string TopK(string input, string k, int axis, string name) =>
        graph.Node("TopK", name, [input, k], 2, Int("axis", axis), Int("largest", 1), Int("sorted", 1))[0];

    /// <summary>softmax over the last axis of the cosine similarities between the rows of <paramref name="query"/> and <paramref name="key"/>.</summary>
    private string LocationMap(string query, string key, string name)
    {
        string similarity = graph.Node("MatMul", $"{name}.cosine", [Normalize(query, $"{name}.q_norm"), Transpose(Normalize(key, $"{name}.k_norm"), $"{name}.k_t")]);
        return graph.Node("Softmax", name, [similarity], Int("axis", -1));
    }

    /// <summary>x / max(‖x‖₂ over the last axis, eps).</summary>
    private string Normalize(string x, string name)
    {
        normEpsilon ??= graph.Floats("norm_epsilon", [], [NormEpsilon]);
        string norm = graph.Node("ReduceL2", $"{name}.l2", [x], Ints("axes", -1), Int("keepdims", 1));
        return graph.Node("Div", name, [x, graph.Node("Max", $"{name}.clamped", [norm, normEpsilon])]);
    }

    private string Transpose(string x, string name) => graph.Node("Transpose", name, [x], Ints("perm", 0, 1, 3, 2));
}
