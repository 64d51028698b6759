using System.Buffers.Binary;
using System.Text.Json;
using Downscale.Core.Imaging;
using Downscale.Tests;

namespace Downscale.Onnx.Tests.Runtime;

/// <summary>
/// The exported ADK-Net fixtures under tests/fixtures/onnx (tools/fixtures/make_onnx_fixtures.py): each model with a
/// seeded input, OpenCV DNN's output and the PyTorch reference's output.
/// </summary>
internal static class OnnxFixtures
{
    private static readonly Lazy<JsonElement> Index = new(() => JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("onnx", "cases.json"))).RootElement.Clone());

    public static IEnumerable<string> Names => Index.Value.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

    public static string OpenCvVersion => Index.Value.GetProperty("opencv").GetString()!;

    public static string Model(string name) => TestPaths.Fixture("onnx", $"{name}.onnx");

    public static JsonElement Case(string name) => Index.Value.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static PlanarImage Input(string name) => Read(name, "input", "input_shape");

    public static PlanarImage OpenCvOutput(string name) => Read(name, "opencv", "output_shape");

    public static PlanarImage TorchOutput(string name) => Read(name, "torch", "output_shape");

    private static PlanarImage Read(string name, string what, string shapeKey)
    {
        int[] shape = [.. Case(name).GetProperty(shapeKey).EnumerateArray().Select(d => d.GetInt32())];
        byte[] bytes = File.ReadAllBytes(TestPaths.Fixture("onnx", $"{name}.{what}.f32"));
        var image = new PlanarImage(shape[1], shape[2], shape[3]);
        Span<float> data = image.Data.Span;
        Assert.Equal(data.Length * sizeof(float), bytes.Length);
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }

        return image;
    }
}
