using Downscale.Core.Raw;
using Downscale.Torch.Models.RawWavelet;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Models.RawWavelet;

/// <summary>Our RAW wavelet model against tools/reference/raw_wavelet.py with the same (Python-written) weights.</summary>
public class RawWaveletParityTests
{
    public static TheoryData<string> Cases() => new(RawWaveletFixtures.Names);

    public static TheoryData<string> DownscaleCases() => new(RawWaveletFixtures.DownscaleNames);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_MatchesPyTorch(string name)
    {
        using var model = RawWaveletNet.Load(RawWaveletFixtures.Weights(name));
        var io = RawWaveletFixtures.Io(name);
        using var scope = NewDisposeScope();

        Tensor output = model.forward(io["input"]);

        Assert.True(output.requires_grad, "with autograd on, the output must carry the graph");
        RawWaveletFixtures.AssertClose(io["output"], output.detach(), name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StateDictKeys_EqualPyTorchKeyList(string name)
    {
        using var model = RawWaveletNet.Load(RawWaveletFixtures.Weights(name));

        Assert.Equal(RawWaveletFixtures.Keys(name), model.state_dict().Keys.ToArray());
    }

    [Theory]
    [MemberData(nameof(DownscaleCases))]
    public void Downscale_OddSizedHr_MatchesPyTorchOnTheProtocolGrid(string name)
    {
        using var model = RawWaveletNet.Load(RawWaveletFixtures.Weights(name));
        var io = RawWaveletFixtures.Io(name);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        Tensor lr = model.Downscale(io["hr_any"]);

        RawWaveletFixtures.AssertClose(io["lr_any"], lr, name);
    }

    [Fact]
    public void Load_ReadsTheConfigurationFromPythonMetadata()
    {
        using var model = RawWaveletNet.Load(RawWaveletFixtures.Weights("improved_x2"));

        Assert.Equal(
            new RawWaveletOptions
            {
                Scale = new RationalScale(2, 1), Features = 4, Levels = 4, LasdmBlocks = 1, HfpmBlocks = 1,
                Merge = LasdmMerge.Separable, Wavelet = Downscale.Core.Wavelets.HaarNormalization.Average, Base = RawBaseInterpolation.Area,
            },
            model.Options);
    }
}

/// <summary>The training objective against the reference's <c>objective</c> on the fixtures' input and random target.</summary>
public class RawWaveletLossParityTests
{
    public static TheoryData<string> Cases() => new(RawWaveletFixtures.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Terms_MatchPyTorch(string name)
    {
        using var model = RawWaveletNet.Load(RawWaveletFixtures.Weights(name));
        var io = RawWaveletFixtures.Io(name);
        using var scope = NewDisposeScope();
        var objective = new Downscale.Torch.Training.RawWaveletObjective();

        var terms = objective.Terms(model, new Downscale.Torch.Training.TrainingBatch(io["input"], io["target"], io["input"]));

        RawWaveletFixtures.AssertClose(io["loss_con"], terms.Content.reshape(1), $"{name} L_con", 1e-5f);
        RawWaveletFixtures.AssertClose(io["loss_hwc"], terms.Wavelet.reshape(1), $"{name} L_hwc");
        RawWaveletFixtures.AssertClose(io["loss_em"], terms.Energy.reshape(1), $"{name} L_em", 1e-5f);
        RawWaveletFixtures.AssertClose(io["loss_total"], terms.Total.reshape(1), $"{name} total");
    }
}
