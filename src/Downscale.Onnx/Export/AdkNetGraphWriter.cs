using static Downscale.Onnx.Export.OnnxGraph;

namespace Downscale.Onnx.Export;

/// <summary>
/// Writes ADK-Net's forward pass as an ONNX graph of standard opset-17 operators, mirroring
/// <c>Downscale.Torch.Models.AdkNet</c> step by step. The op choices are the ones that both ONNX Runtime and OpenCV's
/// DNN importer (4.6) accept with symbolic height and width; docs/onnx.md has the mapping and what OpenCV refused.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Every 3x3 convolution is <c>Pad(mode = reflect, 1)</c> then an unpadded <c>Conv</c>, as PyTorch's
/// <c>padding_mode = "reflect"</c> computes it.</item>
/// <item>PixelUnshuffle(s) is a grouped <c>Conv</c> (one group per feature channel) with one-hot s x s filters at
/// stride s: output channel <c>c s² + i s + j</c> is input channel c at offset (i, j), PyTorch's order, and each
/// product is with 1 or 0, so it is exact. (SpaceToDepth computes the same up to a channel permutation, but OpenCV
/// 4.6 imports it only with a fixed input size.)</item>
/// <item>Kernel normalisation and application: <see cref="KernelGraph"/>.</item>
/// </list>
/// Every operator is shape-agnostic, so batch, height and width stay symbolic without any Shape arithmetic.
/// </remarks>
internal sealed class AdkNetGraphWriter
{
    private readonly OnnxGraph graph = new();
    private readonly AdkNetGraphSpec spec;
    private readonly WeightBag weights;
    private readonly string reflectOne;

    private AdkNetGraphWriter(AdkNetGraphSpec spec, WeightBag weights)
    {
        this.spec = spec;
        this.weights = weights;
        reflectOne = graph.Int64s("pads_reflect_1", 0, 0, 1, 1, 0, 0, 1, 1);
    }

    /// <summary>The graph of <paramref name="spec"/> with <paramref name="weights"/>; every weight must be used.</summary>
    /// <exception cref="OnnxExportException">A weight is missing, misshapen, not finite or left over.</exception>
    /// <exception cref="ArgumentException">The architecture is out of range.</exception>
    public static OnnxGraph Write(AdkNetGraphSpec spec, IEnumerable<ExportTensor> weights)
    {
        spec.Validate();
        var writer = new AdkNetGraphWriter(spec, new WeightBag(weights));
        writer.Forward();
        writer.weights.RequireAllTaken();
        return writer.graph;
    }

    private void Forward()
    {
        int c = spec.Features, taps = spec.KernelSize * spec.KernelSize;
        string hr = graph.Input(OnnxDownscalerContract.InputName, "batch", spec.InputChannels, "height", "width");

        // Feature extractor (HR): head, backbone of residual blocks, tail.
        string x = Conv3x3(hr, "feature_extractor.head", spec.InputChannels, c);
        for (int b = 0; b < spec.BackboneBlocks; b++)
        {
            x = Block(x, $"feature_extractor.backbone.{b}", AdkNetBlocks.Residual);
        }

        x = Conv3x3(x, "feature_extractor.tail", c, c);

        // Feature downsampling (LR from here on): PixelUnshuffle(s), then the conv from C s² back to C.
        string features = Conv3x3(PixelUnshuffle(x), "downsample.conv", c * spec.Scale * spec.Scale, c);

        var kernelGraph = new KernelGraph(graph, spec);
        string[] embeddings = [.. Enumerable.Range(0, spec.TrunkCount).Select(t => Stage(features, $"trunks.{t}", spec.TrunkBlocks, c))];
        string[] kernels = [.. Enumerable.Range(0, spec.BranchCount).Select(b =>
            kernelGraph.Normalize(Stage(embeddings[Math.Min(b, embeddings.Length - 1)], $"branches.{b}", spec.BranchBlocks, taps), $"branches.{b}.kernels"))];

        string rgb = spec.FieldAware
            ? graph.Node("Slice", "rgb", [hr, graph.Int64s("rgb_starts", 0), graph.Int64s("rgb_ends", 3), graph.Int64s("rgb_axes", 1)])
            : hr;
        graph.Output(kernelGraph.Apply(rgb, kernels), "batch", 3, "lr_height", "lr_width");
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
    private string Conv3x3(string input, string prefix, int inChannels, int outChannels)
    {
        ExportTensor weight = weights.Take($"{prefix}.weight", outChannels, inChannels, 3, 3);
        ExportTensor bias = weights.Take($"{prefix}.bias", outChannels);
        string padded = graph.Node("Pad", $"{prefix}.pad", [input, reflectOne], OnnxGraph.String("mode", "reflect"));
        string w = graph.Floats(weight.Name, weight.Shape, weight.Data);
        string b = graph.Floats(bias.Name, bias.Shape, bias.Data);
        return graph.Node("Conv", prefix, [padded, w, b], Ints("kernel_shape", 3, 3));
    }

    /// <summary>PyTorch's pixel_unshuffle as a grouped one-hot conv: filter <c>c s² + q</c> picks offset q of channel c's block.</summary>
    private string PixelUnshuffle(string input)
    {
        int c = spec.Features, s = spec.Scale, block = s * s;
        var oneHot = new float[c * block * block];
        for (int channel = 0; channel < c; channel++)
        {
            for (int q = 0; q < block; q++)
            {
                oneHot[(((channel * block) + q) * block) + q] = 1f;
            }
        }

        string filters = graph.Floats("downsample.unshuffle_one_hot", [(long)c * block, 1, s, s], oneHot);
        return graph.Node("Conv", "downsample.unshuffle", [input, filters], Ints("kernel_shape", s, s), Ints("strides", s, s), Int("group", c));
    }
}
