using Downscale.Core.Metrics;
using Downscale.Tests;
using Downscale.Torch.Imaging;
using Downscale.Torch.Safetensors;
using Downscale.Torch.Training;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Training;

public class TrainerResumeTests
{
    private readonly TrainerKit _kit = new();

    [Fact]
    public void Resume_AfterARunOfKSteps_IsBitIdenticalToAnUninterruptedRun()
    {
        var schedule = LearningRateSchedule.StepDecay(everySteps: 3, factor: 0.5);
        var reference = Uninterrupted(schedule);
        string folder = TestPaths.NewTempFolder();

        using (var first = TrainerKit.Model(seed: 1))
        {
            TrainingResult stopped = _kit.Trainer(first, TrainerKit.Options(folder, schedule) with { Steps = 3 }).Run();
            Assert.Equal((TrainingStatus.Completed, 3L), (stopped.Status, stopped.Step));
        }

        using var resumed = TrainerKit.Model(seed: 99); // other initial weights: the checkpoint must replace them
        TrainingResult result = _kit.Trainer(resumed, TrainerKit.Options(folder, schedule)).Run();

        Assert.Equal((TrainingStatus.Completed, 8L, 3L), (result.Status, result.Step, result.ResumedFromStep));
        TrainerKit.AssertSameWeights(reference, TrainerKit.Weights(resumed));
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], TrainerKit.LoggedSteps(folder));
    }

    [Fact]
    public void Cancel_AfterNSteps_SavesAndReturnsInterrupted_ThenResumeMatchesAnUninterruptedRun()
    {
        var reference = Uninterrupted(null);
        string folder = TestPaths.NewTempFolder();
        using var cancel = new CancellationTokenSource();
        var progress = new InlineProgress(p =>
        {
            if (p.Event == TrainingEvent.Step && p.Step == 5)
            {
                cancel.Cancel();
            }
        });

        using (var first = TrainerKit.Model(seed: 1))
        {
            TrainingResult interrupted = _kit.Trainer(first, TrainerKit.Options(folder)).Run(progress, cancel.Token);
            Assert.Equal((TrainingStatus.Interrupted, 5L), (interrupted.Status, interrupted.Step));
            Assert.Equal(5, TrainerKit.CheckpointStep(folder));
            Assert.True(progress.Reports[^1].LearningRate < 1e-2, "the plateau schedule should have reduced the rate by step 5");
            Assert.Equal(TrainingEvent.Checkpoint, progress.Reports[^1].Event);
        }

        using var resumed = TrainerKit.Model(seed: 99);
        TrainingResult result = _kit.Trainer(resumed, TrainerKit.Options(folder)).Run();

        Assert.Equal(TrainingStatus.Completed, result.Status);
        TrainerKit.AssertSameWeights(reference, TrainerKit.Weights(resumed));
    }

    [Fact]
    public void Cancel_BeforeTheFirstValidation_StillScoresTheModelAndWritesBestWeights_WithoutTouchingTheSchedule()
    {
        string folder = TestPaths.NewTempFolder();
        using var cancel = new CancellationTokenSource();
        var progress = new InlineProgress(p =>
        {
            if (p.Event == TrainingEvent.Step && p.Step == 3)
            {
                cancel.Cancel();
            }
        });
        var options = TrainerKit.Options(folder) with { ValidateEvery = 4 };

        using var model = TrainerKit.Model(seed: 1);
        TrainingResult interrupted = _kit.Trainer(model, options).Run(progress, cancel.Token);

        Assert.Equal((TrainingStatus.Interrupted, 3L), (interrupted.Status, interrupted.Step));
        Assert.Equal(3L, interrupted.BestValidation!.Step);
        Assert.Equal("3", SafetensorsFile.ReadMetadata(Path.Combine(folder, "best.safetensors"))["step"]);
        Assert.Equal(1e-2, progress.Reports[^1].LearningRate, 12); // the plateau schedule (patience 0) would have halved it
    }

    [Fact]
    public void Run_ValidatesEveryNSteps_KeepsTheBestWeights_AndReportsThePsnrOfTheModel()
    {
        string folder = TestPaths.NewTempFolder();
        using var model = TrainerKit.Model(seed: 1);
        var progress = new InlineProgress(_ => { });

        TrainingResult result = _kit.Trainer(model, TrainerKit.Options(folder)).Run(progress);

        var validations = progress.Reports.Where(p => p.Event == TrainingEvent.Validation).Select(p => p.Validation!).ToList();
        Assert.Equal([2L, 4, 6, 8], validations.Select(v => v.Step));
        ValidationResult best = validations.MaxBy(v => v.Psnr)!;
        Assert.Equal(best, result.BestValidation);
        Assert.Equal(best.Step.ToString(System.Globalization.CultureInfo.InvariantCulture), SafetensorsFile.ReadMetadata(Path.Combine(folder, "best.safetensors"))["step"]);

        // The last validation is the mean PSNR of the final model's outputs, scored as pairs-v1 does.
        double psnr = _kit.Validation.Samples.Average(sample =>
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            model.eval();
            return Psnr.Compute(model.forward(sample.Input.ToTensor()).ToPlanarImage(), sample.Target!, new QualityOptions { CropBorder = 2 });
        });
        Assert.Equal(psnr, result.LastValidation!.Psnr, 10);
    }

    [Fact]
    public void Run_LowersTheLoss_AndEpochsSetTheLength()
    {
        using var model = TrainerKit.Model(seed: 5);
        var progress = new InlineProgress(_ => { });
        var options = TrainerKit.Options(null, LearningRateSchedule.Constant) with { Steps = null, Epochs = 10, BatchSize = 4 };

        TrainingResult result = _kit.Trainer(model, options).Run(progress);

        var steps = progress.Reports.Where(p => p.Event == TrainingEvent.Step).ToList();
        Assert.Equal(10, result.Step); // 10 epochs of 4 pairs at 4 per step
        Assert.Equal(10.0, steps[^1].Epoch, 12);
        Assert.True(steps[^1].SmoothedLoss < steps[0].Loss * 0.8, $"loss {steps[0].Loss} -> {steps[^1].SmoothedLoss}");
        Assert.Null(result.CheckpointFolder);
    }

    [Fact]
    public void Run_OnHrImagesAlone_WithTheRestorabilityObjective_LowersTheLoss()
    {
        var sampler = PairCropSampler.FromHrImages(_kit.Pairs.Select(p => p.HrPath), 2, new PairSamplingOptions { HrPatchSize = 8 });
        using var model = TrainerKit.Model(seed: 6);
        using var objective = DownscalingObjective.Restorability();
        var progress = new InlineProgress(_ => { });
        var options = TrainerKit.Options(null, LearningRateSchedule.Constant) with { Steps = 30 };

        new Trainer(model, objective, sampler, options).Run(progress);

        var losses = progress.Reports.Where(p => p.Event == TrainingEvent.Step).ToList();
        Assert.True(losses[^1].SmoothedLoss < losses[0].Loss * 0.8, $"loss {losses[0].Loss} -> {losses[^1].SmoothedLoss}");
    }

    private Dictionary<string, float[]> Uninterrupted(LearningRateSchedule? schedule)
    {
        using var model = TrainerKit.Model(seed: 1);
        TrainingResult result = _kit.Trainer(model, TrainerKit.Options(TestPaths.NewTempFolder(), schedule)).Run();
        Assert.Equal(TrainingStatus.Completed, result.Status);
        return TrainerKit.Weights(model);
    }
}
