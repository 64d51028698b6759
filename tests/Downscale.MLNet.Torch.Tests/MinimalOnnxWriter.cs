using System.Text;

namespace Downscale.MLNet.Torch.Tests;

/// <summary>
/// Writes a tiny ONNX model (Flatten, Gemm, Relu, Gemm, Softmax) as protobuf bytes by hand, for the classifier test.
/// </summary>
/// <remarks>
/// STAND-IN until the ONNX exporter of issue 13 (Downscale.Onnx.Export) is merged into this branch: then the test
/// exports with it instead (see TinyClassifierOnnxTests). Field numbers follow onnx.proto (IR version 8, opset 17).
/// </remarks>
internal static class MinimalOnnxWriter
{
    /// <summary>An MLP classifier: input of shape <paramref name="inputShape"/> (flattened to [1, features]), two Gemm layers with a ReLU between, softmax output [1, classes].</summary>
    public static byte[] Mlp(string input, long[] inputShape, string output, int features, float[] w1, float[] b1, int hidden, float[] w2, float[] b2, int classes)
    {
        byte[] graph = Concat(
            Node("Flatten", [input], ["flat"], Int("axis", 1)),
            Node("Gemm", ["flat", "w1", "b1"], ["h"], Int("transB", 1)),
            Node("Relu", ["h"], ["a"]),
            Node("Gemm", ["a", "w2", "b2"], ["logits"], Int("transB", 1)),
            Node("Softmax", ["logits"], [output], Int("axis", 1)),
            Bytes(2, Encoding.UTF8.GetBytes("tiny_classifier")),
            Bytes(5, Tensor("w1", [hidden, features], w1)),
            Bytes(5, Tensor("b1", [hidden], b1)),
            Bytes(5, Tensor("w2", [classes, hidden], w2)),
            Bytes(5, Tensor("b2", [classes], b2)),
            Bytes(11, ValueInfo(input, inputShape)),
            Bytes(12, ValueInfo(output, [1, classes])));
        byte[] opset = Concat(Bytes(1, []), Varint(2, 17));
        return Concat(Varint(1, 8), Bytes(2, Encoding.UTF8.GetBytes("downscale-tests")), Bytes(7, graph), Bytes(8, opset));
    }

    private static byte[] Node(string op, string[] inputs, string[] outputs, params byte[][] attributes) =>
        Bytes(1, Concat([.. inputs.Select(i => Bytes(1, Encoding.UTF8.GetBytes(i))), .. outputs.Select(o => Bytes(2, Encoding.UTF8.GetBytes(o))),
            Bytes(3, Encoding.UTF8.GetBytes(op + "_" + outputs[0])), Bytes(4, Encoding.UTF8.GetBytes(op)), .. attributes.Select(a => Bytes(5, a))]));

    private static byte[] Int(string name, long value) => Concat(Bytes(1, Encoding.UTF8.GetBytes(name)), Varint(3, value), Varint(20, 2));

    private static byte[] Tensor(string name, long[] dims, float[] values)
    {
        byte[] raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        return Concat([.. dims.Select(d => Varint(1, d)), Varint(2, 1), Bytes(8, Encoding.UTF8.GetBytes(name)), Bytes(9, raw)]);
    }

    private static byte[] ValueInfo(string name, long[] dims)
    {
        byte[] shape = Concat([.. dims.Select(d => Bytes(1, Varint(1, d)))]);
        byte[] tensor = Concat(Varint(1, 1), Bytes(2, shape));
        return Concat(Bytes(1, Encoding.UTF8.GetBytes(name)), Bytes(2, Bytes(1, tensor)));
    }

    private static byte[] Varint(int field, long value) => Concat(Key(field, 0), RawVarint((ulong)value));

    private static byte[] Bytes(int field, byte[] payload) => Concat(Key(field, 2), RawVarint((ulong)payload.Length), payload);

    private static byte[] Key(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private static byte[] RawVarint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
