using System.Runtime.InteropServices;
using Google.Protobuf;
using Downscale.Onnx.Protobuf;

namespace Downscale.Onnx.Export;

/// <summary>
/// A small writer of ONNX graphs on the generated protobuf messages: nodes in topological order (the order they are
/// added), initializers, and inputs and outputs with symbolic dimensions. Value names are made unique here, so
/// callers name values by what they mean (<c>feature_extractor.head</c>) and never collide.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The opset of the default ONNX domain that every exported model imports.</summary>
    public const int Opset = 17;

    /// <summary>IR version 8 is the one that goes with opset 17.</summary>
    public const int IrVersion = 8;

    private readonly Dictionary<string, int> used = new(StringComparer.Ordinal);

    /// <summary>The graph being written.</summary>
    public GraphProto Graph { get; } = new() { Name = "downscale" };

    /// <summary>Adds a float32 graph input of the given dimensions: a number is fixed, a string is symbolic.</summary>
    public string Input(string name, params object[] dims)
    {
        Graph.Input.Add(ValueInfo(name, TensorProto.Types.DataType.Float, dims));
        used[name] = 1;
        return name;
    }

    /// <summary>Declares <paramref name="value"/> a float32 graph output of the given dimensions.</summary>
    public void Output(string value, params object[] dims) => Graph.Output.Add(ValueInfo(value, TensorProto.Types.DataType.Float, dims));

    /// <summary>A float32 initializer.</summary>
    public string Floats(string name, long[] shape, ReadOnlySpan<float> values)
    {
        CheckCount(name, shape, values.Length);
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)) };
        tensor.Dims.AddRange(shape);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>An int64 initializer (shapes, pads, axes).</summary>
    public string Int64s(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Int64, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.Add(values.Length);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>An initializer of any element type, from its little-endian bytes.</summary>
    public string Raw(string name, TensorProto.Types.DataType type, long[] shape, ReadOnlySpan<byte> bytes)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(shape);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a node with one output named after <paramref name="name"/>; returns that output's name.</summary>
    public string Node(string opType, string name, string[] inputs, params AttributeProto[] attributes) =>
        Node(opType, name, inputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputs"/> outputs; returns their names.</summary>
    public string[] Node(string opType, string name, string[] inputs, int outputs, params AttributeProto[] attributes)
    {
        string nodeName = Unique(name);
        var node = new NodeProto { OpType = opType, Name = nodeName };
        node.Input.AddRange(inputs);
        string[] names = outputs == 1 ? [nodeName] : [.. Enumerable.Range(0, outputs).Select(i => Unique($"{name}:{i}"))];
        node.Output.AddRange(names);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return names;
    }

    /// <summary>The model: this graph, opset <see cref="Opset"/>, and the metadata.</summary>
    public ModelProto ToModel(string producerVersion, IEnumerable<KeyValuePair<string, string>> metadata, string docString)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Downscale.MLNet",
            ProducerVersion = producerVersion,
            DocString = docString,
            Graph = Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        model.MetadataProps.AddRange(metadata.Select(pair => new StringStringEntryProto { Key = pair.Key, Value = pair.Value }));
        return model;
    }

    /// <summary>An INT attribute.</summary>
    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>An INTS attribute.</summary>
    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>A STRING attribute.</summary>
    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    private string Unique(string name)
    {
        if (used.TryGetValue(name, out int count))
        {
            used[name] = count + 1;
            return Unique($"{name}_{count}");
        }

        used[name] = 1;
        return name;
    }

    private static void CheckCount(string name, long[] shape, int count)
    {
        long expected = shape.Aggregate(1L, (a, b) => a * b);
        if (expected != count)
        {
            throw new ArgumentException($"Initializer '{name}' has shape [{string.Join(", ", shape)}] ({expected} values) but {count} values.");
        }
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (object dim in dims)
        {
            shape.Dim.Add(dim switch
            {
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                int value => new TensorShapeProto.Types.Dimension { DimValue = value },
                long value => new TensorShapeProto.Types.Dimension { DimValue = value },
                _ => throw new ArgumentException($"A dimension is a number or a symbol, not {dim.GetType().Name}.", nameof(dims)),
            });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
