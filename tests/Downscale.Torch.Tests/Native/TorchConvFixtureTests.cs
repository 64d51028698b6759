using System.Text.Json;
using Downscale.Tests;
using Downscale.Torch.Native;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Native;

/// <summary>End to end: the patched shim loads and libtorch computes conv2d as Debian's python3-torch does.</summary>
public class TorchConvFixtureTests
{
    public static TheoryData<string> Cases() => new(
        JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("torch", "conv2d.json"))).RootElement
            .GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Conv2d_MatchesPyTorchFixture(string name)
    {
        TorchNative.EnsureLoaded();
        JsonElement spec = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("torch", "conv2d.json"))).RootElement
            .GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        using var scope = NewDisposeScope();

        Tensor output = nn.functional.conv2d(
            Load(spec.GetProperty("input")), Load(spec.GetProperty("weight")), Load(spec.GetProperty("bias")),
            strides: Longs(spec, "stride"), padding: Longs(spec, "padding"), dilation: Longs(spec, "dilation"),
            groups: spec.GetProperty("groups").GetInt64());

        Tensor expected = Load(spec.GetProperty("output"));
        Assert.Equal(expected.shape, output.shape);
        float maxError = (output - expected).abs().max().item<float>();
        Assert.True(maxError <= 1e-4f, $"{name}: max |TorchSharp - PyTorch| = {maxError}");
    }

    private static Tensor Load(JsonElement blob)
    {
        byte[] bytes = File.ReadAllBytes(TestPaths.Fixture("torch", blob.GetProperty("file").GetString()!));
        float[] values = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length); // little-endian on every platform TorchSharp ships for
        long[] shape = blob.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        return tensor(values).reshape(shape);
    }

    private static long[] Longs(JsonElement spec, string name) =>
        spec.GetProperty(name).EnumerateArray().Select(d => d.GetInt64()).ToArray();
}
