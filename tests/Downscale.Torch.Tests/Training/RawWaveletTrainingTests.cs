using Downscale.Core.Raw;
using Downscale.Tests;
using Downscale.Torch.Models.RawWavelet;
using Downscale.Torch.Tests.Models.RawWavelet;
using Downscale.Torch.Training;

namespace Downscale.Torch.Tests.Training;

/// <summary>The RAW wavelet model through the one generic trainer: the loss falls, best weights load, resume is exact.</summary>
public class RawWaveletTrainingTests
{
    private static readonly RawSamplingOptions Sampling = new() { LrPatchSize = 8 };

    [Fact]
    public void Run_FaithfulModel_LowersTheLoss_AndItsBestWeightsLoadAsAModel()
    {
        RawWaveletOptions options = RawTestData.Small("2", 2) with { Features = 4 };
        var (sampler, validation) = Data(options);
        string folder = TestPaths.NewTempFolder();
        using var model = RawTestData.Model(options, seed: 3);
        var progress = new InlineProgress(_ => { });

        var run = Options(folder, options) with { Steps = 30, Schedule = LearningRateSchedule.Constant, LearningRate = 3e-3 };

        new Trainer(model, new RawWaveletObjective(), sampler, run, validation).Run(progress);

        double[] losses = [.. progress.Reports.Where(p => p.Event == TrainingEvent.Step).Select(p => p.Loss)];
        double first = losses[..5].Average(), last = losses[^5..].Average();
        Assert.True(last < first * 0.7, $"loss {first} -> {last}: {string.Join(", ", losses.Select(l => l.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}");
        using var best = RawWaveletNet.Load(Path.Combine(folder, "best.safetensors"));
        Assert.Equal(options, best.Options);
    }

    [Fact]
    public void Resume_AfterThreeSteps_IsBitIdenticalToAnUninterruptedRun()
    {
        RawWaveletOptions options = RawTestData.Small("13/10", 1) with { Features = 2, Merge = LasdmMerge.Separable, Base = RawBaseInterpolation.Bilinear };
        var (sampler, validation) = Data(options, lrPatch: 20, size: 104);
        var sampling = Options(null, options) with { Steps = 6 };

        using var reference = RawTestData.Model(options, seed: 1);
        new Trainer(reference, new RawWaveletObjective(), sampler, sampling with { OutputFolder = TestPaths.NewTempFolder() }, validation).Run();

        string folder = TestPaths.NewTempFolder();
        using (var first = RawTestData.Model(options, seed: 1))
        {
            TrainingResult stopped = new Trainer(first, new RawWaveletObjective(), sampler, sampling with { OutputFolder = folder, Steps = 3 }, validation).Run();
            Assert.Equal(3, stopped.Step);
        }

        using var resumed = RawTestData.Model(options, seed: 99);
        TrainingResult result = new Trainer(resumed, new RawWaveletObjective(), sampler, sampling with { OutputFolder = folder }, validation).Run();

        Assert.Equal((TrainingStatus.Completed, 6L, 3L), (result.Status, result.Step, result.ResumedFromStep));
        foreach (var (name, parameter) in reference.state_dict())
        {
            Assert.True(parameter.data<float>().ToArray().AsSpan().SequenceEqual(resumed.state_dict()[name].data<float>().ToArray()), $"'{name}' differs");
        }
    }

    private static (RawPairSampler Sampler, ValidationSet Validation) Data(RawWaveletOptions options, int lrPatch = 8, int size = 64)
    {
        var sampling = Sampling with { LrPatchSize = lrPatch };
        RawPackedPair[] train = [.. Enumerable.Range(0, 3).Select(i => RawTestData.Pair($"t{i}", size, size + 16, options.Scale, 10 + i))];
        RawPackedPair[] validation = [RawTestData.Pair("v", size, size, options.Scale, 20)];
        return (RawPairSampler.FromLoaded(train, options, sampling), RawPairSampler.ValidationSet(validation, options, sampling));
    }

    private static TrainerOptions Options(string? folder, RawWaveletOptions model) => new()
    {
        LearningRate = 1e-3,
        Schedule = LearningRateSchedule.StepDecay(everySteps: 2, factor: 0.8),
        BatchSize = 2,
        Steps = 6,
        Seed = 5,
        ValidateEvery = 3,
        CheckpointEvery = 3,
        Threads = 1,
        OutputFolder = folder,
        ModelMetadata = model.ToMetadata(),
    };
}
