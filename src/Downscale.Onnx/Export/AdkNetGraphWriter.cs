using Downscale.Onnx.Protobuf;
using static Downscale.Onnx.Export.OnnxGraph;

namespace Downscale.Onnx.Export;

/// <summary>
/// Writes ADK-Net's forward pass as an ONNX graph of standard opset-17 operators, mirroring
/// <c>Downscale.Torch.Models.AdkNet</c> step by step (docs/onnx.md has the op mapping):
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Every 3x3 convolution is <c>Pad(mode = reflect, 1)</c> then an unpadded <c>Conv</c>, as PyTorch's
/// <c>padding_mode = "reflect"</c> computes it.</item>
/// <item>PixelUnshuffle is <c>SpaceToDepth</c>, whose channel order (block offset major) differs from PyTorch's
/// (channel major); the following convolution's input channels are permuted instead, which costs nothing.</item>
/// <item>Kernel normalisation reduces over the taps of each branch's (N, k*k, h, w) output (ReduceMin, ReduceMax,
/// ReduceSum), so the graph stays 4-D.</item>
/// <item>Kernel application: the reflection-padded RGB image goes through a grouped <c>Conv</c> with one-hot k x k
/// filters at stride s, which extracts each LR pixel's k*k taps per channel exactly (N, 3*k*k, h, w); a <c>Mul</c>
/// with the kernels and a grouped 1x1 <c>Conv</c> of ones sum each channel's taps.</item>
/// </list>
/// Every operator is shape-agnostic, so batch, height and width stay symbolic without any Shape arithmetic.
/// </remarks>
internal sealed class AdkNetGraphWriter
{
    private readonly OnnxGraph graph = new();
    private readonly AdkNetGraphSpec spec;
    private readonly WeightBag weights;
    private readonly string reflectOne;
    private readonly string epsilon;

    private AdkNetGraphWriter(AdkNetGraphSpec spec, WeightBag weights)
    {
        this.spec = spec;
        this.weights = weights;
        reflectOne = graph.Int64s("pads_reflect_1", 0, 0, 1, 1, 0, 0, 1, 1);
        epsilon = graph.Floats("epsilon", [], [(float)spec.Epsilon]);
    }

    /// <summary>The graph of <paramref name="spec"/> with <paramref name="weights"/>; every weight must be used.</summary>
    /// <exception cref="OnnxExportException">A weight is missing, misshapen, not finite or left over.</exception>
    public static OnnxGraph Write(AdkNetGraphSpec spec, IEnumerable<ExportTensor> weights)
    {
        spec.Validate();
        var writer = new AdkNetGraphWriter(spec, new WeightBag(weights));
        writer.Forward();
        writer.weights.RequireAllTaken();
        return writer.graph;
    }

    private int Taps => spec.KernelSize * spec.KernelSize;

    private void Forward()
    {
        int c = spec.Features;
        string hr = graph.Input(OnnxDownscalerContract.InputName, "batch", spec.InputChannels, "height", "width");

        // Feature extractor (HR): head, backbone of residual blocks, tail.
        string x = Conv3x3(hr, "feature_extractor.head", spec.InputChannels, c);
        for (int b = 0; b < spec.BackboneBlocks; b++)
        {
            x = Block(x, $"feature_extractor.backbone.{b}", AdkNetBlocks.Residual);
        }

        x = Conv3x3(x, "feature_extractor.tail", c, c);

        // Feature downsampling: PixelUnshuffle(s) as SpaceToDepth, with the conv's input channels permuted to match.
        string unshuffled = graph.Node("SpaceToDepth", "downsample.unshuffle", [x], Int("blocksize", spec.Scale));
        string features = Conv3x3(unshuffled, "downsample.conv", c * spec.Scale * spec.Scale, c, PixelUnshufflePermutation);

        string[] embeddings = [.. Enumerable.Range(0, spec.TrunkCount).Select(t => Stage(features, $"trunks.{t}", spec.TrunkBlocks, c))];
        string[] kernels = [.. Enumerable.Range(0, spec.BranchCount).Select(b =>
            Normalize(Stage(embeddings[Math.Min(b, embeddings.Length - 1)], $"branches.{b}", spec.BranchBlocks, Taps), $"branches.{b}.kernels"))];

        string rgb = spec.FieldAware
            ? graph.Node("Slice", "rgb", [hr, graph.Int64s("rgb_starts", 0), graph.Int64s("rgb_ends", 3), graph.Int64s("rgb_axes", 1)])
            : hr;
        graph.Output(Apply(rgb, kernels), "batch", 3, "lr_height", "lr_width");
    }

    /// <summary>A trunk or branch: blocks, then a 3x3 conv to <paramref name="outChannels"/>.</summary>
    private string Stage(string input, string prefix, int blocks, int outChannels)
    {
        string x = input;
        for (int b = 0; b < blocks; b++)
        {
            x = Block(x, $"{prefix}.blocks.{b}", spec.Blocks);
        }

        return Conv3x3(x, $"{prefix}.conv", spec.Features, outChannels);
    }

    /// <summary>Residual: x + conv2(relu(conv1(x))); plain: relu(conv2(relu(conv1(x)))).</summary>
    private string Block(string input, string prefix, AdkNetBlocks kind)
    {
        int c = spec.Features;
        string inner = graph.Node("Relu", $"{prefix}.relu1", [Conv3x3(input, $"{prefix}.conv1", c, c)]);
        inner = Conv3x3(inner, $"{prefix}.conv2", c, c);
        return kind == AdkNetBlocks.Residual
            ? graph.Node("Add", $"{prefix}.add", [input, inner])
            : graph.Node("Relu", $"{prefix}.relu2", [inner]);
    }

    /// <summary>ReflectionPad(1) then a 3x3 conv with the weights <c>{prefix}.weight</c> and <c>{prefix}.bias</c>.</summary>
    private string Conv3x3(string input, string prefix, int inChannels, int outChannels, Func<float[], float[]>? transform = null)
    {
        ExportTensor weight = weights.Take($"{prefix}.weight", outChannels, inChannels, 3, 3);
        ExportTensor bias = weights.Take($"{prefix}.bias", outChannels);
        string padded = graph.Node("Pad", $"{prefix}.pad", [input, reflectOne], OnnxGraph.String("mode", "reflect"));
        string w = graph.Floats(weight.Name, weight.Shape, transform is null ? weight.Data : transform(weight.Data));
        string b = graph.Floats(bias.Name, bias.Shape, bias.Data);
        return graph.Node("Conv", prefix, [padded, w, b], Ints("kernel_shape", 3, 3));
    }

    /// <summary>
    /// Reorders the input channels of the conv after PixelUnshuffle: PyTorch's channel <c>ch * s² + q</c> (q = i s + j,
    /// the offset inside the s x s block) is SpaceToDepth's channel <c>q * C + ch</c>.
    /// </summary>
    private float[] PixelUnshufflePermutation(float[] weight)
    {
        int c = spec.Features, blocks = spec.Scale * spec.Scale, inChannels = c * blocks;
        var result = new float[weight.Length];
        for (int o = 0; o < c; o++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                for (int q = 0; q < blocks; q++)
                {
                    weight.AsSpan((((o * inChannels) + (ch * blocks) + q) * 9), 9)
                        .CopyTo(result.AsSpan(((o * inChannels) + (q * c) + ch) * 9, 9));
                }
            }
        }

        return result;
    }

    /// <summary>Kernel normalisation over the taps (axis 1) of one branch's (N, k*k, h, w) raw kernels.</summary>
    private string Normalize(string raw, string prefix) => spec.Normalization switch
    {
        AdkNetNormalization.TwoStage => SumToOne(MinMax(raw, prefix), prefix),
        AdkNetNormalization.SumOnly => SumToOne(raw, prefix),
        AdkNetNormalization.MinMaxOnly => MinMax(raw, prefix),
        _ => throw new OnnxExportException($"Unknown kernel normalisation {spec.Normalization}."),
    };

    /// <summary>(K - min K) / (max K - min K + eps).</summary>
    private string MinMax(string raw, string prefix)
    {
        string low = graph.Node("ReduceMin", $"{prefix}.min", [raw], Ints("axes", 1), Int("keepdims", 1));
        string high = graph.Node("ReduceMax", $"{prefix}.max", [raw], Ints("axes", 1), Int("keepdims", 1));
        string range = graph.Node("Add", $"{prefix}.range_eps", [graph.Node("Sub", $"{prefix}.range", [high, low]), epsilon]);
        return graph.Node("Div", $"{prefix}.minmax", [graph.Node("Sub", $"{prefix}.shifted", [raw, low]), range]);
    }

    /// <summary>K / (sum K + eps).</summary>
    private string SumToOne(string kernels, string prefix)
    {
        string sum = graph.Node("ReduceSum", $"{prefix}.sum", [kernels, graph.Int64s($"{prefix}.sum_axes", 1)], Int("keepdims", 1));
        return graph.Node("Div", $"{prefix}.normalized", [kernels, graph.Node("Add", $"{prefix}.sum_eps", [sum, epsilon])]);
    }

    /// <summary>
    /// Resamples the RGB image with the normalised kernels (one per channel, or one for all): patches by a grouped
    /// one-hot conv at stride s over the reflection-padded image, times the kernels, summed per channel by a grouped 1x1 conv.
    /// </summary>
    /// <remarks>
    /// Output (y, x) of the patch conv reads padded rows <c>y s .. y s + k - 1</c>, which is PyTorch's strided slice
    /// <c>padded[..., i::s, j::s]</c> for tap (i, j) in <c>KernelApplication</c>; the one-hot products are exact.
    /// </remarks>
    private string Apply(string rgb, string[] kernels)
    {
        int k = spec.KernelSize, taps = Taps;
        long pb = spec.PadBefore, pa = spec.PadAfter;
        string padded = pb == 0 && pa == 0
            ? rgb
            : graph.Node("Pad", "apply.pad", [rgb, graph.Int64s("apply.pads", 0, 0, pb, pb, 0, 0, pa, pa)], OnnxGraph.String("mode", "reflect"));

        var oneHot = new float[3 * taps * taps];
        for (int channel = 0; channel < 3; channel++)
        {
            for (int t = 0; t < taps; t++)
            {
                oneHot[(((channel * taps) + t) * taps) + t] = 1f; // filter (channel, t) picks tap t = i k + j
            }
        }

        string patches = graph.Node("Conv", "apply.patches",
            [padded, graph.Floats("apply.one_hot", [3L * taps, 1, k, k], oneHot)],
            Ints("kernel_shape", k, k), Ints("strides", spec.Scale, spec.Scale), Int("group", 3));
        string weights3 = kernels.Length == 3
            ? graph.Node("Concat", "apply.kernels", [.. kernels], Int("axis", 1))
            : graph.Node("Concat", "apply.kernels", [kernels[0], kernels[0], kernels[0]], Int("axis", 1));
        string weighted = graph.Node("Mul", "apply.weighted", [patches, weights3]);
        float[] ones = [.. Enumerable.Repeat(1f, 3 * taps)];
        return graph.Node("Conv", OnnxDownscalerContract.OutputName,
            [weighted, graph.Floats("apply.ones", [3, taps, 1, 1], ones)], Ints("kernel_shape", 1, 1), Int("group", 3));
    }
}
