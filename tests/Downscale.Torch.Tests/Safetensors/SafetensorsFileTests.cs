using Downscale.Tests;
using Downscale.Torch.Safetensors;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Safetensors;

public class SafetensorsFileTests
{
    [Fact]
    public void SaveThenLoad_RoundTripsValuesShapesAndMetadata()
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), "w.safetensors");
        using var weight = arange(24, dtype: ScalarType.Float32).reshape(2, 3, 4);
        using var bias = tensor(new long[] { 7, -8 });
        SafetensorsFile.Save(path, new Dictionary<string, Tensor> { ["conv.weight"] = weight, ["conv.bias"] = bias },
            new Dictionary<string, string> { ["scale"] = "4" });

        var loaded = SafetensorsFile.Load(path);

        Assert.Equal(new long[] { 2, 3, 4 }, loaded["conv.weight"].shape);
        Assert.True(loaded["conv.weight"].equal(weight).all().item<bool>());
        Assert.Equal(new long[] { 7, -8 }, loaded["conv.bias"].data<long>().ToArray());
        Assert.Equal("4", SafetensorsFile.ReadMetadata(path)["scale"]);
    }

    [Fact]
    public void Load_TruncatedFile_ThrowsFormatException()
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), "w.safetensors");
        using var weight = ones(64);
        SafetensorsFile.Save(path, new Dictionary<string, Tensor> { ["w"] = weight });
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^10]);

        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Load(path));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NaNWeights_AreRefused()
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), "w.safetensors");
        using var weight = tensor(new float[] { 1f, float.NaN });
        SafetensorsFile.Save(path, new Dictionary<string, Tensor> { ["head.weight"] = weight });

        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Load(path));
        Assert.Contains("head.weight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GarbageFile_ThrowsFormatException()
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), "w.safetensors");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Load(path));
    }
}
