using static Downscale.Onnx.Export.OnnxGraph;

namespace Downscale.Onnx.Export.RawWavelet;

/// <summary>
/// Writes the RAW wavelet model's forward pass (<c>Downscale.Torch.Models.RawWavelet.RawWaveletNet.forward</c>) as an
/// ONNX graph of standard opset-17 operators with symbolic batch, height and width (multiples of 2^K·m), mirroring the
/// Torch modules step by step under their state-dict names. docs/onnx.md has the operator mapping.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Convolutions: zero-padded 3x3 (stride 1 or 2) and 1x1 <c>Conv</c>s with bias.</item>
/// <item>Haar DWT/IDWT: <see cref="HaarGraph"/>; identity path: <see cref="RawBaseGraph"/>.</item>
/// <item>LASDM: PixelUnshuffle(m) is Reshape-Transpose-Reshape (ONNX SpaceToDepth orders channels differently),
/// PixelShuffle(n) is <c>DepthToSpace</c> in CRD mode; the separable merge regroups rows and columns the same way.</item>
/// <item>HFPM: <c>TopK</c> with K read from Â's shape, cosine similarity as <c>ReduceL2</c>, <c>Max</c> with eps and
/// <c>Div</c>, <c>MatMul</c>, <c>Softmax</c>; the residual branch's bilinear resize is <c>Resize</c> (linear,
/// half_pixel, to Â's size).</item>
/// </list>
/// </remarks>
internal sealed partial class RawWaveletGraphWriter
{
    private readonly OnnxGraph graph = new();
    private readonly ShapeOps shapes;
    private readonly HaarGraph haar;
    private readonly RawWaveletGraphSpec spec;
    private readonly WeightBag weights;

    private RawWaveletGraphWriter(RawWaveletGraphSpec spec, WeightBag weights)
    {
        this.spec = spec;
        this.weights = weights;
        shapes = new ShapeOps(graph);
        haar = new HaarGraph(graph, spec.Wavelet);
    }

    /// <summary>The graph of <paramref name="spec"/> with <paramref name="weights"/>; every weight must be used.</summary>
    /// <exception cref="OnnxExportException">A weight is missing, misshapen, not finite or left over, or the base has no ONNX form.</exception>
    /// <exception cref="ArgumentException">The architecture is out of range.</exception>
    public static OnnxGraph Write(RawWaveletGraphSpec spec, IEnumerable<ExportTensor> weights)
    {
        spec.Validate();
        var writer = new RawWaveletGraphWriter(spec, new WeightBag(weights));
        writer.Forward();
        writer.weights.RequireAllTaken();
        return writer.graph;
    }

    private void Forward()
    {
        int count = spec.Levels;
        string hr = graph.Input(OnnxDownscalerContract.InputName, "batch", 4, "height", "width");
        string[] pyramid = Encoder(hr);
        (string A, string V, string H, string D)[]? basePyramid = null;
        if (spec.BaseMethod is not null)
        {
            basePyramid = new (string, string, string, string)[count];
            string low = new RawBaseGraph(graph, shapes, spec).Interpolate(hr);
            for (int k = 0; k < count; k++)
            {
                basePyramid[k] = haar.Forward(low, 4, $"base.level{k + 1}");
                low = basePyramid[k].A;
            }
        }

        string? above = null;
        for (int k = count; k >= 1; k--)
        {
            var (a, v, h, d) = Level(k, pyramid[k - 1], above, basePyramid?[k - 1]);
            above = haar.Inverse(a, v, h, d, 4, k == 1 ? OnnxDownscalerContract.OutputName : $"levels.{k - 1}.idwt");
        }

        graph.Output(above!, "batch", 4, "lr_height", "lr_width");
    }

    /// <summary>f_1 .. f_K: head, a residual block at full size, then K - 1 blocks that halve it.</summary>
    private string[] Encoder(string input)
    {
        int c = spec.Features;
        var pyramid = new string[spec.Levels];
        string x = Conv(input, "encoder.head", 4, c, 3);
        x = pyramid[0] = Residual(x, "encoder.blocks.0");
        for (int k = 1; k < spec.Levels; k++)
        {
            string prefix = $"encoder.blocks.{k}";
            string inner = Conv(graph.Node("Relu", $"{prefix}.relu", [Conv(x, $"{prefix}.conv1", c, c, 3, stride: 2)]), $"{prefix}.conv2", c, c, 3);
            x = pyramid[k] = graph.Node("Add", $"{prefix}.add", [Conv(x, $"{prefix}.shortcut", c, c, 1, stride: 2), inner]);
        }

        return pyramid;
    }

    /// <summary>Level k: DWT of f_k, LASDM, Â (with the level above and the base), HFPM.</summary>
    private (string A, string V, string H, string D) Level(int k, string features, string? above, (string A, string V, string H, string D)? baseBands)
    {
        int c = spec.Features;
        string prefix = $"levels.{k - 1}";
        var (a, v, h, d) = haar.Forward(features, c, $"{prefix}.features");
        string low = Lasdm(a, $"{prefix}.lasdm");
        string aHat = above is null
            ? Conv(low, $"{prefix}.a_head", c, 4, 3)
            : Conv(graph.Node("Concat", $"{prefix}.a_input", [low, above], Int("axis", 1)), $"{prefix}.a_head", c + 4, 4, 3);
        if (baseBands is { } bands)
        {
            aHat = graph.Node("Add", $"{prefix}.a_hat", [aHat, above ?? bands.A]);
        }

        var (vHat, hHat, dHat) = Hfpm(v, h, d, aHat, $"{prefix}.hfpm");
        if (baseBands is { } b)
        {
            vHat = graph.Node("Add", $"{prefix}.v_hat", [vHat, b.V]);
            hHat = graph.Node("Add", $"{prefix}.h_hat", [hHat, b.H]);
            dHat = graph.Node("Add", $"{prefix}.d_hat", [dHat, b.D]);
        }

        return (aHat, vHat, hHat, dHat);
    }

    /// <summary><paramref name="count"/> residual blocks named <c>{prefix}.0</c> ...</summary>
    private string Blocks(string input, string prefix, int count)
    {
        string x = input;
        for (int b = 0; b < count; b++)
        {
            x = Residual(x, $"{prefix}.{b}");
        }

        return x;
    }

    /// <summary>x + conv2(relu(conv1(x))).</summary>
    private string Residual(string input, string prefix)
    {
        int c = spec.Features;
        string inner = Conv(graph.Node("Relu", $"{prefix}.relu", [Conv(input, $"{prefix}.conv1", c, c, 3)]), $"{prefix}.conv2", c, c, 3);
        return graph.Node("Add", $"{prefix}.add", [input, inner]);
    }

    /// <summary>A k x k convolution (k = 3 zero-padded by 1, or 1) with the weights <c>{prefix}.weight</c> and <c>{prefix}.bias</c>.</summary>
    private string Conv(string input, string prefix, int inChannels, int outChannels, int kernel, int stride = 1)
    {
        ExportTensor weight = weights.Take($"{prefix}.weight", outChannels, inChannels, kernel, kernel);
        ExportTensor bias = weights.Take($"{prefix}.bias", outChannels);
        string w = graph.Floats(weight.Name, weight.Shape, weight.Data);
        string b = graph.Floats(bias.Name, bias.Shape, bias.Data);
        int pad = kernel / 2;
        return graph.Node("Conv", prefix, [input, w, b],
            Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride), Ints("pads", pad, pad, pad, pad));
    }
}
