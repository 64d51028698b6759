using static Downscale.Onnx.Export.OnnxGraph;

namespace Downscale.Onnx.Export;

/// <summary>
/// ADK-Net's kernel normalisation and kernel application in ONNX operators (the Torch <c>KernelNormalizer</c> and
/// <c>KernelApplication</c>). Each branch's kernels stay 4-D, (N, k*k, h, w), with the taps on the channel axis.
/// </summary>
/// <remarks>
/// OpenCV 4.6 imports neither opset-13 <c>ReduceSum</c> nor, with a symbolic size, <c>ReduceMin</c>/<c>ReduceMax</c>,
/// and it broadcasts an elementwise operand over channels only when it knows that operand has one channel. So: sums
/// over the taps are a 1x1 <c>Conv</c> of ones; min and max are a <c>MaxPool</c> over the taps moved onto a spatial
/// axis by <c>Transpose</c> (min = -max(-K)); and the one-plane minimum and maximum are copied to every tap plane by a
/// 1x1 <c>Conv</c> of ones before they are subtracted. Every one of these is exact (products with 1, max of the same
/// values), and all of it runs at LR, where it costs ONNX Runtime about 1% of the model's time.
/// </remarks>
internal sealed class KernelGraph(OnnxGraph graph, AdkNetGraphSpec spec)
{
    private readonly int taps = spec.KernelSize * spec.KernelSize;
    private string? epsilon;
    private string? sumTaps;
    private string? toTaps;

    private string Epsilon => epsilon ??= graph.Floats("epsilon", [], [(float)spec.Epsilon]);

    /// <summary>1x1 conv filter (1, k*k): sums the tap planes.</summary>
    private string SumTaps => sumTaps ??= graph.Floats("sum_taps", [1, taps, 1, 1], Ones(taps));

    /// <summary>1x1 conv filter (k*k, 1): copies one plane to every tap plane.</summary>
    private string ToTaps => toTaps ??= graph.Floats("to_taps", [taps, 1, 1, 1], Ones(taps));

    /// <summary>Kernel normalisation over the taps of one branch's raw kernels.</summary>
    public string Normalize(string raw, string prefix) => spec.Normalization switch
    {
        AdkNetNormalization.TwoStage => SumToOne(MinMax(raw, prefix), prefix),
        AdkNetNormalization.SumOnly => SumToOne(raw, prefix),
        AdkNetNormalization.MinMaxOnly => MinMax(raw, prefix),
        _ => throw new OnnxExportException($"Kernel normalisation {spec.Normalization} has no ONNX form."),
    };

    /// <summary>
    /// Resamples the RGB image with the normalised kernels (one per channel, or one for all three): the taps of every
    /// LR pixel come from a grouped one-hot conv at stride s over the reflection-padded image, are multiplied by the
    /// kernels, and are summed per channel by a grouped 1x1 conv of ones. Output (y, x) of the patch conv reads HR rows
    /// <c>y s + offset .. y s + offset + k - 1</c> (reflected), offset = floor((s - k) / 2): reflection padding when
    /// it is negative, a Slice that skips the first offset rows and columns when it is positive (k &lt; s - 1), as
    /// <c>KernelApplication</c> does.
    /// </summary>
    public string Apply(string rgb, string[] kernels)
    {
        int k = spec.KernelSize;
        long before = spec.PadBefore, after = spec.PadAfter;
        string padded = before == 0 && after == 0
            ? rgb
            : graph.Node("Pad", "apply.pad", [rgb, graph.Int64s("apply.pads", 0, 0, before, before, 0, 0, after, after)], OnnxGraph.String("mode", "reflect"));
        if (spec.WindowOffset > 0)
        {
            // k < s - 1: tap 0 of LR pixel y reads HR row y s + offset, so the patches start offset rows and columns in.
            padded = graph.Node("Slice", "apply.skip",
                [padded, graph.Int64s("apply.skip_starts", spec.WindowOffset, spec.WindowOffset), graph.Int64s("apply.skip_ends", long.MaxValue, long.MaxValue), graph.Int64s("apply.skip_axes", 2, 3)]);
        }

        var oneHot = new float[3 * taps * taps];
        for (int filter = 0; filter < 3 * taps; filter++)
        {
            oneHot[(filter * taps) + (filter % taps)] = 1f; // filter c k² + t of channel c picks tap t = i k + j
        }

        string patches = graph.Node("Conv", "apply.patches",
            [padded, graph.Floats("apply.one_hot", [3L * taps, 1, k, k], oneHot)],
            Ints("kernel_shape", k, k), Ints("strides", spec.Scale, spec.Scale), Int("group", 3));
        string[] perChannel = kernels.Length == 3 ? kernels : [kernels[0], kernels[0], kernels[0]];
        string weighted = graph.Node("Mul", "apply.weighted", [patches, graph.Node("Concat", "apply.kernels", perChannel, Int("axis", 1))]);
        return graph.Node("Conv", OnnxDownscalerContract.OutputName,
            [weighted, graph.Floats("apply.sum_taps", [3, taps, 1, 1], Ones(3 * taps))], Ints("kernel_shape", 1, 1), Int("group", 3));
    }

    /// <summary><c>(K - min K) / (max K - min K + eps)</c>, with min and max copied to every tap plane.</summary>
    private string MinMax(string raw, string prefix)
    {
        string tapsOnRows = graph.Node("Transpose", $"{prefix}.taps_to_rows", [raw], Ints("perm", 0, 2, 1, 3));
        string high = MaxOverTaps(tapsOnRows, $"{prefix}.max");
        string low = graph.Node("Neg", $"{prefix}.min", [MaxOverTaps(graph.Node("Neg", $"{prefix}.negated", [tapsOnRows]), $"{prefix}.negated_max")]);
        string lowAll = graph.Node("Conv", $"{prefix}.min_taps", [low, ToTaps], Ints("kernel_shape", 1, 1));
        string highAll = graph.Node("Conv", $"{prefix}.max_taps", [high, ToTaps], Ints("kernel_shape", 1, 1));
        string range = graph.Node("Add", $"{prefix}.range_eps", [graph.Node("Sub", $"{prefix}.range", [highAll, lowAll]), Epsilon]);
        return graph.Node("Div", $"{prefix}.minmax", [graph.Node("Sub", $"{prefix}.shifted", [raw, lowAll]), range]);
    }

    /// <summary>The max over the taps of (N, h, k*k, w) values, as (N, 1, h, w).</summary>
    private string MaxOverTaps(string tapsOnRows, string name)
    {
        string pooled = graph.Node("MaxPool", $"{name}_rows", [tapsOnRows], Ints("kernel_shape", taps, 1));
        return graph.Node("Transpose", name, [pooled], Ints("perm", 0, 2, 1, 3));
    }

    /// <summary><c>K / (sum K + eps)</c>.</summary>
    private string SumToOne(string kernels, string prefix)
    {
        string sum = graph.Node("Conv", $"{prefix}.sum", [kernels, SumTaps], Ints("kernel_shape", 1, 1));
        return graph.Node("Div", $"{prefix}.normalized", [kernels, graph.Node("Add", $"{prefix}.sum_eps", [sum, Epsilon])]);
    }

    private static float[] Ones(int count) => [.. Enumerable.Repeat(1f, count)];
}
