using System.Runtime.InteropServices;
using Downscale.Onnx.Protobuf;
using Google.Protobuf;
using static Downscale.Onnx.Export.OnnxGraph;

namespace Downscale.Onnx.Export.Flavours;

/// <summary>
/// An experiment (docs/onnx.md): static int8 quantisation in the QDQ format around every learned convolution, which
/// ONNX Runtime fuses into QLinearConv. Activations are uint8 with a per-tensor scale and zero point calibrated by
/// min/max on sample images; weights are int8, symmetric, per output channel, in 7 bits (ONNX Runtime's advice for
/// CPUs without VNNI, whose u8 x s8 multiply-add saturates at 16 bits); biases are int32 at the product of scales.
/// The reflection pads run on the uint8 values (padding copies values, so it commutes with quantisation), and a
/// ReLU before a quantiser is absorbed by ONNX Runtime (zero point 0). Kernel normalisation and application stay float.
/// </summary>
internal static class Int8QdqFlavour
{
    private const int WeightLevels = 63;

    /// <summary>A learned conv fed by a reflection pad; <see cref="Tail"/> is its output, or its ReLU's when one follows.</summary>
    private sealed record Site(NodeProto Pad, NodeProto Conv, NodeProto? Relu, string Input, string Tail);

    /// <summary>The model with every tensor that needs a range (conv inputs and outputs) added as a graph output.</summary>
    public static (byte[] Model, IReadOnlyList<string> Tensors) CalibrationModel(byte[] float32Model)
    {
        ModelProto model = ModelProto.Parser.ParseFrom(float32Model);
        List<Site> sites = Sites(model.Graph);
        string[] tensors = [.. sites.SelectMany(s => new[] { s.Input, s.Tail }).Distinct(StringComparer.Ordinal)
            .Where(name => model.Graph.Input.All(i => i.Name != name))];
        foreach (string name in tensors)
        {
            model.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });
        }

        return (model.ToByteArray(), tensors);
    }

    /// <summary>The QDQ model, given each calibrated tensor's (min, max); a graph input missing from the ranges is taken as [0, 1].</summary>
    /// <param name="float32Model">The float model.</param>
    /// <param name="ranges">Calibrated ranges of the tensors <see cref="CalibrationModel"/> lists.</param>
    /// <param name="include">Which learned convs to quantise, by weight name (e.g. only <c>feature_extractor.</c>); all when null.</param>
    /// <param name="description">Recorded as the model's <c>quantization</c> metadata.</param>
    public static byte[] Quantize(byte[] float32Model, IReadOnlyDictionary<string, (float Min, float Max)> ranges, Func<string, bool>? include = null, string description = "int8-qdq")
    {
        ModelProto model = ModelProto.Parser.ParseFrom(float32Model);
        GraphProto graph = model.Graph;
        List<Site> sites = [.. Sites(graph).Where(s => include is null || include(s.Conv.Input[1]))];
        Dictionary<string, TensorProto> initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var quantized = new Dictionary<string, (string Name, string Scale, string ZeroPoint)>(StringComparer.Ordinal); // float tensor -> its uint8 twin
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal); // tails -> their dequantized copies
        var nodes = new List<NodeProto>();

        (string Scale, string ZeroPoint) Parameters(string tensor)
        {
            (float min, float max) = ranges.TryGetValue(tensor, out var range) ? range : (0f, 1f);
            min = Math.Min(min, 0);
            max = Math.Max(max, 0);
            float scale = max > min ? (max - min) / 255f : 1f;
            byte zeroPoint = (byte)Math.Clamp(MathF.Round(-min / scale), 0, 255);
            return (Scalar(graph, $"{tensor}_scale", TensorProto.Types.DataType.Float, BitConverter.GetBytes(scale)),
                Scalar(graph, $"{tensor}_zp", TensorProto.Types.DataType.Uint8, [zeroPoint]));
        }

        void EmitQuantized(string tensor, string source)
        {
            var (scale, zeroPoint) = Parameters(tensor);
            string q = $"{tensor}_q";
            nodes.Add(NewNode("QuantizeLinear", q, [source, scale, zeroPoint], q));
            quantized[tensor] = (q, scale, zeroPoint);
        }

        foreach (NodeProto original in graph.Node)
        {
            Site? site = sites.FirstOrDefault(s => s.Pad == original || s.Conv == original || s.Relu == original);
            if (site is null)
            {
                Redirect(original, renamed);
                nodes.Add(original);
            }
            else if (site.Pad == original)
            {
                if (!quantized.ContainsKey(site.Input))
                {
                    EmitQuantized(site.Input, renamed.GetValueOrDefault(site.Input, site.Input));
                }

                original.Input[0] = quantized[site.Input].Name; // pad the uint8 values
                nodes.Add(original);
            }
            else if (site.Conv == original)
            {
                var input = quantized[site.Input];
                string padded = original.Input[0], dq = $"{padded}_dq";
                nodes.Add(NewNode("DequantizeLinear", dq, [padded, input.Scale, input.ZeroPoint], dq));
                float inputScale = ScalarValue(graph, input.Scale);
                string weight = QuantizeWeights(graph, initializers, original, inputScale, nodes);
                original.Input[0] = dq;
                original.Input[1] = weight;
                nodes.Add(original);
                if (site.Relu is null)
                {
                    EmitTail(site.Tail);
                }
            }
            else
            {
                nodes.Add(original);
                EmitTail(site.Tail);
            }
        }

        void EmitTail(string tail)
        {
            EmitQuantized(tail, tail);
            var q = quantized[tail];
            string dq = $"{tail}_dq";
            nodes.Add(NewNode("DequantizeLinear", dq, [q.Name, q.Scale, q.ZeroPoint], dq));
            renamed[tail] = dq;
        }

        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        HashSet<string> used = [.. nodes.SelectMany(n => n.Input)];
        foreach (TensorProto unused in graph.Initializer.Where(t => !used.Contains(t.Name)).ToList())
        {
            graph.Initializer.Remove(unused);
        }

        model.MetadataProps.Add(new StringStringEntryProto { Key = OnnxInt8Quantizer.QuantizationKey, Value = description });
        return model.ToByteArray();
    }

    /// <summary>Replaces the conv's float weight and bias by int8/int32 initializers behind DequantizeLinear nodes; returns the weight's DQ output.</summary>
    private static string QuantizeWeights(GraphProto graph, Dictionary<string, TensorProto> initializers, NodeProto conv, float inputScale, List<NodeProto> nodes)
    {
        TensorProto weight = initializers[conv.Input[1]], bias = initializers[conv.Input[2]];
        int outputs = (int)weight.Dims[0];
        ReadOnlySpan<float> w = MemoryMarshal.Cast<byte, float>(weight.RawData.Span);
        ReadOnlySpan<float> b = MemoryMarshal.Cast<byte, float>(bias.RawData.Span);
        int perChannel = w.Length / outputs;
        var wq = new sbyte[w.Length];
        var wScale = new float[outputs];
        var bq = new int[outputs];
        var bScale = new float[outputs];
        for (int o = 0; o < outputs; o++)
        {
            ReadOnlySpan<float> row = w.Slice(o * perChannel, perChannel);
            float max = 0;
            foreach (float value in row)
            {
                max = Math.Max(max, Math.Abs(value));
            }

            wScale[o] = max > 0 ? max / WeightLevels : 1f;
            for (int i = 0; i < perChannel; i++)
            {
                wq[(o * perChannel) + i] = (sbyte)Math.Clamp(MathF.Round(row[i] / wScale[o]), -WeightLevels, WeightLevels);
            }

            bScale[o] = inputScale * wScale[o];
            bq[o] = (int)Math.Clamp(Math.Round(b[o] / (double)bScale[o]), int.MinValue, int.MaxValue);
        }

        string wName = Initializer(graph, $"{weight.Name}_q", TensorProto.Types.DataType.Int8, [.. weight.Dims], MemoryMarshal.AsBytes(wq.AsSpan()));
        string wScaleName = Initializer(graph, $"{weight.Name}_scale", TensorProto.Types.DataType.Float, [outputs], MemoryMarshal.AsBytes(wScale.AsSpan()));
        string wZero = Initializer(graph, $"{weight.Name}_zp", TensorProto.Types.DataType.Int8, [outputs], new byte[outputs]);
        string bName = Initializer(graph, $"{bias.Name}_q", TensorProto.Types.DataType.Int32, [outputs], MemoryMarshal.AsBytes(bq.AsSpan()));
        string bScaleName = Initializer(graph, $"{bias.Name}_scale", TensorProto.Types.DataType.Float, [outputs], MemoryMarshal.AsBytes(bScale.AsSpan()));
        string bZero = Initializer(graph, $"{bias.Name}_zp", TensorProto.Types.DataType.Int32, [outputs], new byte[outputs * sizeof(int)]);
        string wDq = $"{weight.Name}_dq", bDq = $"{bias.Name}_dq";
        nodes.Add(NewNode("DequantizeLinear", wDq, [wName, wScaleName, wZero], wDq, Int("axis", 0)));
        nodes.Add(NewNode("DequantizeLinear", bDq, [bName, bScaleName, bZero], bDq, Int("axis", 0)));
        conv.Input[2] = bDq;
        return wDq;
    }

    private static List<Site> Sites(GraphProto graph)
    {
        HashSet<string> initializers = [.. graph.Initializer.Select(t => t.Name)];
        Dictionary<string, NodeProto> producers = graph.Node.SelectMany(n => n.Output.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n, StringComparer.Ordinal);
        ILookup<string, NodeProto> consumers = graph.Node.SelectMany(n => n.Input.Select(i => (i, n))).ToLookup(p => p.i, p => p.n, StringComparer.Ordinal);
        var sites = new List<Site>();
        foreach (NodeProto conv in graph.Node.Where(n => n.OpType == "Conv" && n.Input.Count == 3))
        {
            if (!conv.Input[1].EndsWith(".weight", StringComparison.Ordinal) || !initializers.Contains(conv.Input[1])
                || !producers.TryGetValue(conv.Input[0], out NodeProto? pad) || pad.OpType != "Pad" || consumers[pad.Output[0]].Count() != 1)
            {
                continue;
            }

            NodeProto[] next = [.. consumers[conv.Output[0]]];
            NodeProto? relu = next.Length == 1 && next[0].OpType == "Relu" ? next[0] : null;
            sites.Add(new Site(pad, conv, relu, pad.Input[0], relu?.Output[0] ?? conv.Output[0]));
        }

        return sites;
    }

    private static void Redirect(NodeProto node, Dictionary<string, string> renamed)
    {
        for (int i = 0; i < node.Input.Count; i++)
        {
            if (renamed.TryGetValue(node.Input[i], out string? name))
            {
                node.Input[i] = name;
            }
        }
    }

    private static NodeProto NewNode(string op, string name, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static string Scalar(GraphProto graph, string name, TensorProto.Types.DataType type, ReadOnlySpan<byte> bytes) =>
        Initializer(graph, name, type, [], bytes);

    private static string Initializer(GraphProto graph, string name, TensorProto.Types.DataType type, long[] dims, ReadOnlySpan<byte> bytes)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        graph.Initializer.Add(tensor);
        return name;
    }

    private static float ScalarValue(GraphProto graph, string name) =>
        BitConverter.ToSingle(graph.Initializer.Last(t => t.Name == name).RawData.Span);
}
