using Downscale.Core.Wavelets;
using Downscale.Torch.Models;
using Downscale.Torch.Models.RawWavelet;
using Downscale.Torch.Native;
using Downscale.Torch.Training;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Training;

public class RawWaveletObjectiveTests
{
    public RawWaveletObjectiveTests() => TorchNative.EnsureLoaded();

    [Fact]
    public void Compute_OnAHandMadeOneLevelPrediction_GivesTheHandComputedTerms()
    {
        using var scope = NewDisposeScope();
        // Output all ones against a zero target: L_con = 1. Level 1 predicts A = 2 (the orthonormal A of a 2x2 block
        // of ones) and no detail, against the zero target's bands: L_hwc = |2 - 0| = 2.
        Tensor output = ones(2, 1, 2, 2), target = zeros(2, 1, 2, 2);
        var level = new WaveletBands(full(2, 1, 1, 1, 2f), zeros(2, 1, 1, 1), zeros(2, 1, 1, 1), zeros(2, 1, 1, 1));
        // Image 0 of the HR has vertical stripes [1, 0, 1, 0]: every 2x2 block gives V = 0.5·(1 - 0 + 1 - 0) = 1 and
        // H = D = 0, so ‖V_HR‖ = 2 over 2x2 coefficients (h'w' = 4); image 1 is zero. L_em = mean(|0 - 2|, 0) / 4 = 0.25.
        Tensor hr = zeros(2, 1, 4, 4);
        hr[0, 0, TensorIndex.Colon, TensorIndex.Slice(0, null, 2)] = ones(4, 2);

        RawWaveletLossTerms terms = new RawWaveletObjective().Compute(new RawWaveletOutput(output, [level]), target, hr, HaarNormalization.Orthonormal);

        Assert.Equal(1.0, terms.Content.item<float>(), 6);
        Assert.Equal(2.0, terms.Wavelet.item<float>(), 6);
        Assert.Equal(0.25, terms.Energy.item<float>(), 6);
        Assert.Equal(1 + 2 + (0.1 * 0.25), terms.Total.item<float>(), 5);
    }

    [Fact]
    public void Compute_AverageHaar_UsesTheModelsNormalisation()
    {
        using var scope = NewDisposeScope();
        Tensor output = ones(1, 1, 2, 2);
        // With the averaging Haar, A of a block of ones is 1, so a predicted A of 1 is exact and a predicted A of 2 is off by 1.
        var exact = new WaveletBands(ones(1, 1, 1, 1), zeros(1, 1, 1, 1), zeros(1, 1, 1, 1), zeros(1, 1, 1, 1));
        var objective = new RawWaveletObjective(contentWeight: 0, waveletWeight: 1, energyWeight: 0);

        double loss = objective.Compute(new RawWaveletOutput(output, [exact]), output, ones(1, 1, 4, 4), HaarNormalization.Average).Total.item<float>();
        double off = objective.Compute(new RawWaveletOutput(output, [exact with { A = full(1, 1, 1, 1, 2f) }]), output, ones(1, 1, 4, 4), HaarNormalization.Average).Total.item<float>();

        Assert.Equal(0.0, loss, 6);
        Assert.Equal(1.0, off, 6);
    }

    [Fact]
    public void Loss_OtherModels_AreRefusedWithAReason()
    {
        using var model = new TinyConvDownscaler(2, 4);
        using var scope = NewDisposeScope();
        var batch = new TrainingBatch(rand(1, 4, 8, 8), rand(1, 4, 4, 4), rand(1, 4, 8, 8));

        var error = Assert.Throws<ArgumentException>(() => new RawWaveletObjective().Loss(model, batch));
        Assert.Contains("RawWaveletNet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loss_WithoutTargets_IsRefused()
    {
        using var model = new RawWaveletNet(Models.RawWavelet.RawTestData.Small("2", 1));
        using var scope = NewDisposeScope();

        Assert.Throws<ArgumentException>(() => new RawWaveletObjective().Loss(model, new TrainingBatch(rand(1, 4, 4, 4), null, rand(1, 4, 4, 4))));
    }

    [Fact]
    public void Weights_AreValidated_AndNamedInTheSignature()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RawWaveletObjective(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RawWaveletObjective(0, 0, 0));
        Assert.Equal("raw_wavelet(con=1,hwc=1,em=0.1)", new RawWaveletObjective().Signature);
    }
}
