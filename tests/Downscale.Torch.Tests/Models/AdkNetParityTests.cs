using Downscale.Torch.Models.AdkNet;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Models;

/// <summary>Our ADK-Net against tools/reference/adknet.py with the same weights (loaded from the Python-written files).</summary>
public class AdkNetParityTests
{
    public static TheoryData<string> Cases() => new(AdkNetFixtures.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_InferencePath_MatchesPyTorch(string name)
    {
        using var model = AdkNet.Load(AdkNetFixtures.Weights(name));
        var io = AdkNetFixtures.Io(name);
        using var scope = NewDisposeScope();

        Tensor output;
        using (no_grad())
        {
            output = model.forward(io["input"]);
        }

        AssertClose(io["output"], output, name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_TrainingPath_MatchesPyTorch(string name)
    {
        using var model = AdkNet.Load(AdkNetFixtures.Weights(name));
        var io = AdkNetFixtures.Io(name);
        using var scope = NewDisposeScope();

        Tensor output = model.forward(io["input"]);

        Assert.True(output.requires_grad, "with autograd on, the output must carry the graph");
        AssertClose(io["output"], output.detach(), name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PredictKernels_MatchPyTorch(string name)
    {
        using var model = AdkNet.Load(AdkNetFixtures.Weights(name));
        var io = AdkNetFixtures.Io(name);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        Tensor kernels = model.PredictKernels(io["input"]);

        Tensor expected = io["kernels"]; // (N, G, k*k, h, w); a single stream has G = 1
        AssertClose(expected.expand(kernels.shape), kernels, name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StateDictKeys_EqualPyTorchKeyList(string name)
    {
        using var model = AdkNet.Load(AdkNetFixtures.Weights(name));

        Assert.Equal(AdkNetFixtures.Keys(name), model.state_dict().Keys.ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReceptiveFieldRadius_EqualsPyTorchReference(string name)
    {
        using var model = AdkNet.Load(AdkNetFixtures.Weights(name));

        Assert.Equal(AdkNetFixtures.ReceptiveFieldRadius(name), model.ReceptiveFieldRadius);
    }

    [Fact]
    public void Load_ReadsTheVariantFromPythonMetadata()
    {
        using var model = AdkNet.Load(AdkNetFixtures.Weights("s4_k10_field_sharedtrunk_minmax"));

        Assert.Equal(
            new AdkNetOptions
            {
                Scale = 4, KernelSize = 10, Features = 8, FieldAware = true,
                GeneratorSharing = KernelGeneratorSharing.SharedTrunk, Normalization = KernelNormalization.MinMaxOnly,
            },
            model.Options);
    }

    private static void AssertClose(Tensor expected, Tensor actual, string name)
    {
        Assert.Equal(expected.shape, actual.shape);
        float maxError = (actual - expected).abs().max().item<float>();
        Assert.True(maxError <= 1e-4f, $"{name}: max |TorchSharp - PyTorch| = {maxError}");
    }
}
