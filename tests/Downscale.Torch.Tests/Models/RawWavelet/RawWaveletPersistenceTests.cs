using Downscale.Core.Raw;
using Downscale.Core.Wavelets;
using Downscale.Tests;
using Downscale.Torch.Models.RawWavelet;
using Downscale.Torch.Safetensors;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Models.RawWavelet;

/// <summary>Save/Load with the architecture as metadata; mismatched, corrupt or non-finite weights are refused by name.</summary>
public sealed class RawWaveletPersistenceTests : IDisposable
{
    private static readonly RawWaveletOptions Small = RawTestData.Small("13/10", 1) with { Merge = LasdmMerge.Separable };
    private readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void SaveThenLoad_GivesTheSameModelAndOutput()
    {
        var options = Small with { Base = RawBaseInterpolation.Area, Wavelet = HaarNormalization.Average, Features = 3 };
        using var model = RawTestData.Model(options, seed: 1);
        string path = Path.Combine(folder, "m.safetensors");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor input = rand(1, 4, 26, 52);

        model.Save(path, extraMetadata: new Dictionary<string, string> { ["step"] = "7" });
        using var loaded = RawWaveletNet.Load(path);

        Assert.Equal(options, loaded.Options);
        Assert.True(model.forward(input).eq(loaded.forward(input)).all().item<bool>());
        IReadOnlyDictionary<string, string> metadata = SafetensorsFile.ReadMetadata(path);
        Assert.Equal(("raw_wavelet", "13/10", "separable", "average", "area", "7"),
            (metadata["format"], metadata["scale"], metadata["lasdm_merge"], metadata["wavelet"], metadata["base"], metadata["step"]));
    }

    [Fact]
    public void SaveAsFloat16_LoadsBackWithinHalfPrecision()
    {
        using var model = RawTestData.Model(Small, seed: 2);
        string path = Path.Combine(folder, "half.safetensors");

        model.Save(path, ScalarType.Float16);
        using var loaded = RawWaveletNet.Load(path);

        foreach (var (name, parameter) in model.state_dict())
        {
            Tensor other = loaded.state_dict()[name];
            Assert.Equal(ScalarType.Float32, other.dtype);
            Assert.True((other - parameter).abs().max().item<float>() <= 1e-3f, name);
        }
    }

    [Fact]
    public void Load_NaNWeights_AreRefusedByName()
    {
        string path = WriteEdited(weights => weights["levels.0.hfpm.q_h.bias"] = full([2], float.NaN));

        var error = Assert.Throws<SafetensorsFormatException>(() => RawWaveletNet.Load(path));
        Assert.Contains("'levels.0.hfpm.q_h.bias' holds NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingTensor_NamesIt()
    {
        string path = WriteEdited(weights => weights.Remove("levels.0.lasdm.merge_rows.weight"));

        var error = Assert.Throws<SafetensorsFormatException>(() => RawWaveletNet.Load(path));
        Assert.Contains("lacks tensor 'levels.0.lasdm.merge_rows.weight'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MetadataOfAnotherScale_FailsOnTheFirstMismatchedTensor()
    {
        string path = WriteEdited(_ => { }, metadata => metadata["scale"] = "3/2");

        var error = Assert.Throws<SafetensorsFormatException>(() => RawWaveletNet.Load(path));
        Assert.Contains("'levels.0.lasdm.merge_rows.weight' has shape [20, 26, 1, 1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidMetadataValue_IsATypedError()
    {
        string path = WriteEdited(_ => { }, metadata => metadata["scale"] = "10/13");

        var error = Assert.Throws<SafetensorsFormatException>(() => RawWaveletNet.Load(path));
        Assert.Contains("invalid RAW wavelet model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileOfAnotherModel_SaysWhatItIsNot()
    {
        string path = WriteEdited(_ => { }, metadata => metadata["format"] = "adknet");

        var error = Assert.Throws<SafetensorsFormatException>(() => RawWaveletNet.Load(path));
        Assert.Contains("is not a RAW wavelet weight file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedFile_IsRefused()
    {
        string path = Path.Combine(folder, "m.safetensors");
        using (var model = new RawWaveletNet(Small))
        {
            model.Save(path);
        }

        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);

        Assert.Throws<SafetensorsFormatException>(() => RawWaveletNet.Load(path));
    }

    private string WriteEdited(Action<Dictionary<string, Tensor>> editWeights, Action<Dictionary<string, string>>? editMetadata = null)
    {
        string path = Path.Combine(folder, $"{Guid.NewGuid():N}.safetensors");
        using var model = new RawWaveletNet(Small);
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> weights = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
        Dictionary<string, string> metadata = RawWaveletMetadata.Write(Small);
        editWeights(weights);
        editMetadata?.Invoke(metadata);
        SafetensorsFile.Save(path, weights, metadata);
        return path;
    }
}
