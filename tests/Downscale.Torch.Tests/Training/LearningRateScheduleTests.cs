using Downscale.Torch.Training;

namespace Downscale.Torch.Tests.Training;

public class LearningRateScheduleTests
{
    [Fact]
    public void Plateau_HalvesAfterMoreThanPatienceValidationsWithoutImprovement()
    {
        var rate = new LearningRateController(LearningRateSchedule.ReduceOnPlateau(patience: 2), 1e-4);

        double[] losses = [1.0, 0.9, 0.95, 0.91, 0.9, 0.92, 0.5, 0.6, 0.7, 0.8];
        var rates = losses.Select(loss => { rate.AfterValidation(loss); return rate.LearningRate; }).ToArray();

        // 0.9 is the best from the 2nd validation; 3 non-improvements (the 5th ties, the relative threshold needs a real gain) halve it.
        Assert.Equal([1e-4, 1e-4, 1e-4, 1e-4, 5e-5, 5e-5, 5e-5, 5e-5, 5e-5, 2.5e-5], rates);
    }

    [Fact]
    public void Plateau_StateRoundTripsThroughJson()
    {
        var rate = new LearningRateController(LearningRateSchedule.ReduceOnPlateau(patience: 1, factor: 0.3), 1e-3);
        rate.AfterValidation(1.0);
        rate.AfterValidation(1.1);
        rate.AfterValidation(1.2);
        var copy = new LearningRateController(LearningRateSchedule.ReduceOnPlateau(patience: 1, factor: 0.3), 1e-3);

        copy.Restore(rate.Save());

        Assert.Equal(rate.LearningRate, copy.LearningRate);
        Assert.Equal(rate.BestLoss, copy.BestLoss);
        Assert.Equal(rate.BadValidations, copy.BadValidations);
        Assert.Equal(3e-4, copy.LearningRate, 12);
    }

    [Fact]
    public void StepDecay_MultipliesByTheFactorEveryNSteps()
    {
        var rate = new LearningRateController(LearningRateSchedule.StepDecay(everySteps: 10, factor: 0.8), 1e-3);

        var rates = new[] { 9L, 10, 19, 20, 35 }.Select(step => { rate.AfterStep(step); return rate.LearningRate; }).ToArray();

        Assert.Equal(1e-3, rates[0], 15);
        Assert.Equal(8e-4, rates[1], 15);
        Assert.Equal(8e-4, rates[2], 15);
        Assert.Equal(6.4e-4, rates[3], 15);
        Assert.Equal(5.12e-4, rates[4], 15);
    }

    [Fact]
    public void Factories_RefuseValuesOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.ReduceOnPlateau(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.ReduceOnPlateau(3, factor: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(0));
        Assert.Equal("step_decay(every=100,factor=0.8)", LearningRateSchedule.StepDecay(100).Signature);
    }
}
