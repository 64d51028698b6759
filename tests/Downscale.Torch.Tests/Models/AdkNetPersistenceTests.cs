using Downscale.Tests;
using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Safetensors;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Models;

/// <summary>Save/Load with the architecture as metadata; mismatched or corrupt weights are refused by name.</summary>
public sealed class AdkNetPersistenceTests : IDisposable
{
    private static readonly AdkNetOptions Small = new() { Scale = 2, Features = 4, BackboneBlocks = 1, TrunkBlocks = 1, BranchBlocks = 1 };
    private readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void SaveThenLoad_GivesTheSameModelAndOutput()
    {
        var options = Small with { Scale = 3, KernelSize = 8, GeneratorSharing = KernelGeneratorSharing.SharedTrunk, FieldAware = true };
        using var model = new AdkNet(options);
        string path = Path.Combine(folder, "m.safetensors");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor input = rand(1, 5, 12, 12);

        model.Save(path);
        using var loaded = AdkNet.Load(path);

        Assert.Equal(options, loaded.Options);
        Assert.True(model.forward(input).eq(loaded.forward(input)).all().item<bool>());
        IReadOnlyDictionary<string, string> metadata = SafetensorsFile.ReadMetadata(path);
        Assert.Equal(("adknet", "3", "8", "shared_trunk", "true"),
            (metadata["format"], metadata["scale"], metadata["kernel_size"], metadata["generator_sharing"], metadata["field_aware"]));
    }

    [Fact]
    public void Load_MissingTensor_NamesIt()
    {
        string path = WriteEdited(weights => weights.Remove("branches.1.conv.bias"));

        var error = Assert.Throws<SafetensorsFormatException>(() => AdkNet.Load(path));
        Assert.Contains("lacks tensor 'branches.1.conv.bias'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongShape_NamesTheTensorAndBothShapes()
    {
        string path = WriteEdited(weights => weights["downsample.conv.weight"] = zeros(4, 8, 3, 3));

        var error = Assert.Throws<SafetensorsFormatException>(() => AdkNet.Load(path));
        Assert.Contains("'downsample.conv.weight' has shape [4, 8, 3, 3]", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs [4, 16, 3, 3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnexpectedTensor_NamesIt()
    {
        string path = WriteEdited(weights => weights["trunks.3.conv.bias"] = zeros(4));

        var error = Assert.Throws<SafetensorsFormatException>(() => AdkNet.Load(path));
        Assert.Contains("holds tensor 'trunks.3.conv.bias'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MetadataThatDoesNotDescribeTheWeights_IsRefused()
    {
        // Weights of a k = 5 model under metadata that claims k = 6: the branch convs have 25 outputs, not 36.
        string path = WriteEdited(_ => { }, metadata => metadata["kernel_size"] = "6");

        var error = Assert.Throws<SafetensorsFormatException>(() => AdkNet.Load(path));
        Assert.Contains("'branches.0.conv.weight' has shape [25, 4, 3, 3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NaNWeights_AreRefused()
    {
        string path = WriteEdited(weights => weights["feature_extractor.tail.bias"] = full([4], float.NaN));

        var error = Assert.Throws<SafetensorsFormatException>(() => AdkNet.Load(path));
        Assert.Contains("'feature_extractor.tail.bias' holds NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileWithoutAdkNetMetadata_SaysWhatItIsNot()
    {
        string path = Path.Combine(folder, "plain.safetensors");
        using (var model = new AdkNet(Small))
        {
            SafetensorsFile.Save(path, model.state_dict());
        }

        var error = Assert.Throws<SafetensorsFormatException>(() => AdkNet.Load(path));
        Assert.Contains("is not an ADK-Net weight file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedFile_IsRefused()
    {
        string path = Path.Combine(folder, "m.safetensors");
        using (var model = new AdkNet(Small))
        {
            model.Save(path);
        }

        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);

        Assert.Throws<SafetensorsFormatException>(() => AdkNet.Load(path));
    }

    private string WriteEdited(Action<Dictionary<string, Tensor>> editWeights, Action<Dictionary<string, string>>? editMetadata = null)
    {
        string path = Path.Combine(folder, $"{Guid.NewGuid():N}.safetensors");
        using var model = new AdkNet(Small);
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> weights = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
        Dictionary<string, string> metadata = AdkNetMetadata.Write(Small);
        editWeights(weights);
        editMetadata?.Invoke(metadata);
        SafetensorsFile.Save(path, weights, metadata);
        return path;
    }
}
