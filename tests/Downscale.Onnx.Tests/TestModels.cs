using Downscale.Onnx.Export;
using Downscale.Onnx.Protobuf;
using Google.Protobuf;

namespace Downscale.Onnx.Tests;

/// <summary>Small hand-built ONNX models for the scorer's contract tests, written with the exporter's own graph writer.</summary>
internal static class TestModels
{
    /// <summary>Default metadata of a valid x2 box-filter downscaler.</summary>
    public static Dictionary<string, string> Metadata(int scale = 2) => new()
    {
        [OnnxDownscalerContract.ScaleKey] = scale.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [OnnxDownscalerContract.ReceptiveFieldKey] = "0",
    };

    /// <summary>
    /// An s x s box filter (AveragePool, stride s) from (N, channels, H, W) to (N, channels, H/s, W/s): a real downscaler
    /// whose output the tests can compute by hand.
    /// </summary>
    public static byte[] BoxFilter(int scale = 2, int channels = 3, IReadOnlyDictionary<string, string>? metadata = null) =>
        Serialize(graph =>
        {
            string input = graph.Input("hr", "batch", channels, "height", "width");
            string output = graph.Node("AveragePool", "lr", [input], OnnxGraph.Ints("kernel_shape", scale, scale), OnnxGraph.Ints("strides", scale, scale));
            graph.Output(output, "batch", channels, "h", "w");
        }, metadata ?? Metadata(scale));

    /// <summary>A model built by <paramref name="build"/> with <paramref name="metadata"/>.</summary>
    public static byte[] Serialize(Action<OnnxGraph> build, IReadOnlyDictionary<string, string> metadata)
    {
        var graph = new OnnxGraph();
        build(graph);
        return graph.ToModel("test", metadata, "test model").ToByteArray();
    }

    /// <summary>Parses a serialized model with the exporter's messages.</summary>
    public static ModelProto Parse(byte[] model) => ModelProto.Parser.ParseFrom(model);
}
