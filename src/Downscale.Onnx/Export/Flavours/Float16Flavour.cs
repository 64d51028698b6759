using System.Runtime.InteropServices;
using Downscale.Onnx.Protobuf;
using Google.Protobuf;

namespace Downscale.Onnx.Export.Flavours;

/// <summary>
/// An experiment (docs/onnx.md): the same graph computing in float16. Every float initializer becomes float16, the
/// input is cast to float16 on entry and the output back to float32 on exit, so callers see the float32 contract.
/// Not shipped: it is measured by the bench's <c>onnx</c> suite against the float32 model.
/// </summary>
internal static class Float16Flavour
{
    /// <summary>The float16 version of a float32 model written by <see cref="AdkNetOnnxWriter"/>.</summary>
    public static byte[] Convert(byte[] float32Model)
    {
        ModelProto model = ModelProto.Parser.ParseFrom(float32Model);
        GraphProto graph = model.Graph;
        foreach (TensorProto tensor in graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float))
        {
            ReadOnlySpan<float> values = MemoryMarshal.Cast<byte, float>(tensor.RawData.Span);
            var halves = new Half[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                halves[i] = (Half)values[i];
            }

            tensor.DataType = (int)TensorProto.Types.DataType.Float16;
            tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(halves.AsSpan()));
        }

        string input = graph.Input.Single().Name, output = graph.Output.Single().Name;
        string inputHalf = input + "_fp16", outputHalf = output + "_fp16";
        foreach (NodeProto node in graph.Node)
        {
            Rename(node.Input, input, inputHalf);
            Rename(node.Output, output, outputHalf);
            Rename(node.Input, output, outputHalf);
        }

        graph.Node.Insert(0, Cast("cast_input_fp16", input, inputHalf, TensorProto.Types.DataType.Float16));
        graph.Node.Add(Cast("cast_output_fp32", outputHalf, output, TensorProto.Types.DataType.Float));
        return model.ToByteArray();
    }

    private static NodeProto Cast(string name, string from, string to, TensorProto.Types.DataType type)
    {
        var node = new NodeProto { OpType = "Cast", Name = name };
        node.Input.Add(from);
        node.Output.Add(to);
        node.Attribute.Add(OnnxGraph.Int("to", (long)type));
        return node;
    }

    private static void Rename(Google.Protobuf.Collections.RepeatedField<string> names, string from, string to)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == from)
            {
                names[i] = to;
            }
        }
    }
}
