using Downscale.Torch.Models;
using Downscale.Torch.Native;
using Downscale.Torch.Training;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Training;

public class DownscalingObjectiveTests
{
    public DownscalingObjectiveTests() => TorchNative.EnsureLoaded();

    [Fact]
    public void L1_IsTheMeanAbsoluteErrorAgainstTheLr()
    {
        using var model = new TinyConvDownscaler(2, 4);
        using var objective = DownscalingObjective.L1();
        using var scope = NewDisposeScope();
        TrainingBatch batch = Batch(withTarget: true);

        double loss = objective.Loss(model, batch).item<float>();

        double expected = (model.forward(batch.Input) - batch.Target!).abs().mean().item<float>();
        Assert.Equal(expected, loss, 6);
        Assert.True(loss > 0);
    }

    [Fact]
    public void Restorability_ComparesTheBicubicUpscaleWithTheHr_AndNeedsNoTarget()
    {
        using var model = new TinyConvDownscaler(2, 4);
        using var objective = DownscalingObjective.Restorability();
        using var bicubic = new MatlabBicubic();
        using var scope = NewDisposeScope();
        TrainingBatch batch = Batch(withTarget: false);

        double loss = objective.Loss(model, batch).item<float>();

        Tensor upscaled = bicubic.Resize(model.forward(batch.Input), 16, 20);
        Assert.Equal((upscaled - batch.Hr).abs().mean().item<float>(), loss, 6);
    }

    [Fact]
    public void WeightedSum_AddsBothTerms_FromOneForwardPass()
    {
        using var model = new TinyConvDownscaler(2, 4);
        using var both = new DownscalingObjective(0.25, 2.0);
        using var l1 = DownscalingObjective.L1();
        using var restorability = DownscalingObjective.Restorability();
        using var scope = NewDisposeScope();
        TrainingBatch batch = Batch(withTarget: true);

        double expected = (0.25 * l1.Loss(model, batch).item<float>()) + (2.0 * restorability.Loss(model, batch).item<float>());

        Assert.Equal(expected, both.Loss(model, batch).item<float>(), 5);
        Assert.Equal("downscaling(l1=0.25,restorability=2)", both.Signature);
    }

    [Fact]
    public void L1_WithoutTargets_SaysToUseRestorability()
    {
        using var model = new TinyConvDownscaler(2, 4);
        using var objective = DownscalingObjective.L1();
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() => objective.Loss(model, Batch(withTarget: false)));
        Assert.Contains("restorability", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_MustBeNonNegativeAndNotBothZero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DownscalingObjective(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DownscalingObjective(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DownscalingObjective(double.NaN, 1));
    }

    private static TrainingBatch Batch(bool withTarget)
    {
        Tensor hr = rand(2, 3, 16, 20);
        return new TrainingBatch(hr, withTarget ? rand(2, 3, 8, 10) : null, hr);
    }
}
