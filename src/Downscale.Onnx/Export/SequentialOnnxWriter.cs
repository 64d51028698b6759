using System.Globalization;
using Downscale.Onnx.Protobuf;
using Google.Protobuf;
using static Downscale.Onnx.Export.OnnxGraph;

namespace Downscale.Onnx.Export;

/// <summary>
/// Writes a plain sequential network (convolutions, ReLU, pooling, flatten, linear, softmax: a small classifier) as an
/// ONNX model (opset 17). Shapes are followed layer by layer from the input's, so a layer that does not fit its input
/// (a <c>Linear</c> whose <c>in_features</c> is not the flattened size, say) is refused here, naming it, before
/// anything is written. Engine-neutral: <c>Downscale.Torch.Export.SequentialOnnxExporter</c> hands it a TorchSharp
/// <c>nn.Sequential</c>.
/// </summary>
public static class SequentialOnnxWriter
{
    /// <summary>The serialized model.</summary>
    /// <param name="layers">The layers in order.</param>
    /// <param name="inputShape">The input's dimensions, [N, C, H, W] or [N, F]; -1 for a symbolic dimension (the batch).</param>
    /// <param name="inputName">The graph input's name (what <c>ApplyOnnxModel</c> binds to a column).</param>
    /// <param name="outputName">The graph output's name.</param>
    /// <exception cref="OnnxExportException">A layer does not fit the shape it receives or its weights are inconsistent (the message names it).</exception>
    public static byte[] Serialize(IReadOnlyList<SequentialLayer> layers, long[] inputShape, string inputName = "input", string outputName = "output") =>
        Build(layers, inputShape, inputName, outputName).ToByteArray();

    /// <summary>Writes the model to <paramref name="path"/> atomically: the file appears whole or not at all.</summary>
    /// <param name="path">The .onnx file to write.</param>
    /// <param name="layers">The layers in order.</param>
    /// <param name="inputShape">The input's dimensions; -1 for a symbolic one.</param>
    /// <param name="inputName">The graph input's name.</param>
    /// <param name="outputName">The graph output's name.</param>
    /// <inheritdoc cref="Serialize" />
    public static void Write(string path, IReadOnlyList<SequentialLayer> layers, long[] inputShape, string inputName = "input", string outputName = "output")
        => OnnxModelFile.Write(path, () => Serialize(layers, inputShape, inputName, outputName));

    internal static ModelProto Build(IReadOnlyList<SequentialLayer> layers, long[] inputShape, string inputName, string outputName)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputName);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputName);
        if (layers.Count == 0)
        {
            throw new OnnxExportException("The sequential model has no layers.");
        }

        if (inputShape.Length < 2 || inputShape.Any(d => d == 0 || d < -1))
        {
            throw new ArgumentException($"The input shape [{string.Join(", ", inputShape)}] must have a batch and at least one more dimension, each positive or -1 (symbolic).", nameof(inputShape));
        }

        var graph = new OnnxGraph();
        string value = graph.Input(inputName, Dims(inputShape));
        long[] shape = inputShape;
        foreach (SequentialLayer layer in layers)
        {
            (value, shape) = Add(graph, layer, value, shape);
        }

        // The graph output carries the requested name: the last node writes it directly.
        var last = graph.Graph.Node[^1];
        last.Output[0] = outputName;
        graph.Output(outputName, Dims(shape));
        string version = typeof(SequentialOnnxWriter).Assembly.GetName().Version?.ToString() ?? "0";
        string summary = string.Join(", ", layers.Select(l => l.GetType().Name.Replace("Layer", string.Empty, StringComparison.Ordinal)));
        return graph.ToModel(version, new Dictionary<string, string> { ["layers"] = summary }, $"Sequential network ({summary}), exported by Downscale.MLNet.");
    }

    private static (string Value, long[] Shape) Add(OnnxGraph graph, SequentialLayer layer, string input, long[] shape) => layer switch
    {
        ConvolutionLayer conv => Convolution(graph, conv, input, shape),
        ReluLayer relu => (graph.Node("Relu", relu.Name, [input]), shape),
        PoolingLayer pool => Pooling(graph, pool, input, shape),
        GlobalAveragePoolLayer global => (graph.Node("GlobalAveragePool", global.Name, [input]), [.. shape[..2], .. Enumerable.Repeat(1L, Spatial(global, shape).Length)]),
        FlattenLayer flatten => (graph.Node("Flatten", flatten.Name, [input], Int("axis", 1)), [shape[0], Product(shape[1..], flatten)]),
        LinearLayer linear => Linear(graph, linear, input, shape),
        SoftmaxLayer softmax => Softmax(graph, softmax, input, shape),
        _ => throw new OnnxExportException($"Cannot export layer '{layer.Name}' ({layer.GetType().Name}): the sequential writer has no ONNX form for it."),
    };

    private static (string, long[]) Convolution(OnnxGraph graph, ConvolutionLayer conv, string input, long[] shape)
    {
        long[] spatial = Spatial(conv, shape);
        long[] w = conv.Weight.Shape;
        if (w.Length != 4 || spatial.Length != 2 || conv.Groups < 1 || w[0] % conv.Groups != 0 || shape[1] != w[1] * conv.Groups)
        {
            throw new OnnxExportException(
                $"Cannot export layer '{conv.Name}' (convolution, weight [{string.Join(", ", w)}], groups {conv.Groups}) on an input of shape [{string.Join(", ", shape)}]: the channels do not fit.");
        }

        long[] kernel = w[2..];
        string[] inputs = [input, graph.Floats(conv.Name + ".weight", w, conv.Weight.Data), .. Bias(graph, conv.Name, conv.Bias, w[0])];
        string output = graph.Node(
            "Conv", conv.Name, inputs,
            Ints("kernel_shape", kernel), Ints("strides", conv.Stride), Ints("pads", [.. conv.Padding, .. conv.Padding]), Ints("dilations", conv.Dilation), Int("group", conv.Groups));
        long[] size = [.. spatial.Select((s, i) => Window(conv.Name, s, kernel[i], conv.Stride[i], conv.Padding[i], conv.Dilation[i], ceil: false))];
        return (output, [shape[0], w[0], .. size]);
    }

    private static (string, long[]) Pooling(OnnxGraph graph, PoolingLayer pool, string input, long[] shape)
    {
        long[] spatial = Spatial(pool, shape);
        if (spatial.Length != pool.Kernel.Length)
        {
            throw new OnnxExportException($"Cannot export layer '{pool.Name}' (pooling over {pool.Kernel.Length} dimensions) on an input of shape [{string.Join(", ", shape)}].");
        }

        AttributeProto[] attributes = pool.Average
            ? [Ints("kernel_shape", pool.Kernel), Ints("strides", pool.Stride), Ints("pads", [.. pool.Padding, .. pool.Padding]), Int("ceil_mode", pool.CeilMode ? 1 : 0), Int("count_include_pad", pool.CountIncludePad ? 1 : 0)]
            : [Ints("kernel_shape", pool.Kernel), Ints("strides", pool.Stride), Ints("pads", [.. pool.Padding, .. pool.Padding]), Ints("dilations", pool.Dilation), Int("ceil_mode", pool.CeilMode ? 1 : 0)];
        string output = graph.Node(pool.Average ? "AveragePool" : "MaxPool", pool.Name, [input], attributes);
        long[] size = [.. spatial.Select((s, i) => Window(pool.Name, s, pool.Kernel[i], pool.Stride[i], pool.Padding[i], pool.Average ? 1 : pool.Dilation[i], pool.CeilMode))];
        return (output, [shape[0], shape[1], .. size]);
    }

    private static (string, long[]) Linear(OnnxGraph graph, LinearLayer linear, string input, long[] shape)
    {
        long[] w = linear.Weight.Shape;
        if (shape.Length != 2 || w.Length != 2 || shape[1] != w[1])
        {
            throw new OnnxExportException(
                $"Cannot export layer '{linear.Name}' (linear, {(w.Length == 2 ? w[1] : 0)} -> {w[0]}) on an input of shape [{string.Join(", ", shape)}]: it takes [N, {(w.Length == 2 ? w[1] : 0)}] (add a Flatten before it).");
        }

        string[] inputs = [input, graph.Floats(linear.Name + ".weight", w, linear.Weight.Data), .. Bias(graph, linear.Name, linear.Bias, w[0])];
        return (graph.Node("Gemm", linear.Name, inputs, Int("transB", 1)), [shape[0], w[0]]);
    }

    private static (string, long[]) Softmax(OnnxGraph graph, SoftmaxLayer softmax, string input, long[] shape)
    {
        long axis = softmax.Dimension < 0 ? softmax.Dimension + shape.Length : softmax.Dimension;
        if (axis < 0 || axis >= shape.Length)
        {
            throw new OnnxExportException($"Cannot export layer '{softmax.Name}' (softmax over dimension {softmax.Dimension}) on an input of rank {shape.Length}.");
        }

        return (graph.Node("Softmax", softmax.Name, [input], Int("axis", axis)), shape);
    }

    private static string[] Bias(OnnxGraph graph, string name, ExportTensor? bias, long channels)
    {
        if (bias is null)
        {
            return [];
        }

        if (bias.Shape.Length != 1 || bias.Shape[0] != channels)
        {
            throw new OnnxExportException($"Cannot export layer '{name}': its bias has shape [{string.Join(", ", bias.Shape)}], not [{channels}].");
        }

        return [graph.Floats(name + ".bias", bias.Shape, bias.Data)];
    }

    private static long[] Spatial(SequentialLayer layer, long[] shape) => shape.Length >= 3
        ? shape[2..]
        : throw new OnnxExportException($"Cannot export layer '{layer.Name}' ({layer.GetType().Name}) on an input of shape [{string.Join(", ", shape)}]: it needs [N, C, H, W].");

    private static long Product(long[] dims, SequentialLayer layer) => dims.Any(d => d < 0)
        ? throw new OnnxExportException($"Cannot export layer '{layer.Name}' (flatten): the dimensions after the batch must be fixed, not [{string.Join(", ", dims)}].")
        : dims.Aggregate(1L, (a, b) => a * b);

    /// <summary>The output length of a sliding window (PyTorch's and ONNX's formula); -1 stays symbolic.</summary>
    private static long Window(string name, long size, long kernel, long stride, long pad, long dilation, bool ceil)
    {
        if (size < 0)
        {
            return -1;
        }

        long span = size + (2 * pad) - (dilation * (kernel - 1)) - 1;
        long output = (ceil ? (long)Math.Ceiling((double)span / stride) : span / stride) + 1;
        return span >= 0 && output >= 1
            ? output
            : throw new OnnxExportException(string.Create(CultureInfo.InvariantCulture, $"Cannot export layer '{name}': its {kernel}-wide window does not fit an input of {size}."));
    }

    private static object[] Dims(long[] shape) => [.. shape.Select((d, i) => d < 0 ? (object)(i == 0 ? "batch" : $"d{i}") : d)];
}
