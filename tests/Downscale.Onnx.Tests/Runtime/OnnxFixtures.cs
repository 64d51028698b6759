using System.Buffers.Binary;
using System.Text.Json;
using Downscale.Core.Imaging;
using Downscale.Tests;

namespace Downscale.Onnx.Tests.Runtime;

/// <summary>
/// The exported ADK-Net fixtures under tests/fixtures/onnx (tools/fixtures/make_onnx_fixtures.py): each model with a
/// seeded input, OpenCV DNN's output and the PyTorch reference's output. <see cref="Raw"/> is the same for the RAW
/// wavelet models under tests/fixtures/onnx_raw (tools/fixtures/make_onnx_raw_fixtures.py).
/// </summary>
internal static class OnnxFixtures
{
    private static readonly OnnxFixtureSet Adk = new("onnx");

    /// <summary>The RAW wavelet fixtures.</summary>
    public static OnnxFixtureSet Raw { get; } = new("onnx_raw");

    public static IEnumerable<string> Names => Adk.Names;

    public static string OpenCvVersion => Adk.OpenCvVersion;

    public static string Model(string name) => Adk.Model(name);

    public static JsonElement Case(string name) => Adk.Case(name);

    public static PlanarImage Input(string name) => Adk.Input(name);

    public static PlanarImage OpenCvOutput(string name) => Adk.OpenCvOutput(name);

    public static PlanarImage TorchOutput(string name) => Adk.TorchOutput(name);
}

/// <summary>One fixture folder: <c>cases.json</c> and, per case, the model, its input and the peers' outputs (raw little-endian float32).</summary>
internal sealed class OnnxFixtureSet(string folder)
{
    private readonly Lazy<JsonElement> index = new(() => JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture(folder, "cases.json"))).RootElement.Clone());

    public IEnumerable<string> Names => index.Value.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

    public string OpenCvVersion => index.Value.GetProperty("opencv").GetString()!;

    public string Model(string name) => TestPaths.Fixture(folder, $"{name}.onnx");

    public JsonElement Case(string name) => index.Value.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public PlanarImage Input(string name) => Read(name, "input", "input_shape");

    public PlanarImage OpenCvOutput(string name) => Read(name, "opencv", "output_shape");

    public PlanarImage TorchOutput(string name) => Read(name, "torch", "output_shape");

    private PlanarImage Read(string name, string what, string shapeKey)
    {
        int[] shape = [.. Case(name).GetProperty(shapeKey).EnumerateArray().Select(d => d.GetInt32())];
        byte[] bytes = File.ReadAllBytes(TestPaths.Fixture(folder, $"{name}.{what}.f32"));
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
