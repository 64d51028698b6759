using Downscale.Torch.Native;
using Downscale.Torch.Training;

namespace Downscale.Torch.Tests.Training;

public class TrainingSupportTests
{
    [Fact]
    public void MallocTuning_OnGlibc_IsAppliedOnce()
    {
        MallocTuningResult first = MallocTuning.Apply();
        MallocTuningResult second = MallocTuning.Apply(mmapThreshold: 1 << 20);

        Assert.Same(first, second);
        bool userTuned = new[] { "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "GLIBC_TUNABLES" }
            .Any(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)));
        Assert.Equal(OperatingSystem.IsLinux() && !userTuned, first.Applied); // this suite runs on glibc Linux
        Assert.Contains(first.Applied ? "mmap threshold 32768 KiB" : " ", first.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void MallocTuning_RefusesThresholdsGlibcWouldReject()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MallocTuning.Apply(mmapThreshold: 64 << 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => MallocTuning.Apply(trimThreshold: 0));
    }

    [Fact]
    public void PhysicalCores_IsBetweenOneAndTheLogicalCount()
    {
        Assert.InRange(TrainingThreads.PhysicalCores, 1, Environment.ProcessorCount);
    }

    [Fact]
    public void SampleSeeds_AreStableAndIndependentOfEachOther()
    {
        Assert.Equal(SampleSeeds.Derive(1, 2, 3), SampleSeeds.Derive(1, 2, 3));
        Assert.Equal(100, Enumerable.Range(0, 100).Select(i => SampleSeeds.Derive(1, 2, i)).Distinct().Count());
        Assert.NotEqual(SampleSeeds.Derive(1, 2, 3), SampleSeeds.Derive(2, 2, 3));
        Assert.Equal(Enumerable.Range(0, 20), SampleSeeds.Permutation(20, 5, 1, 0).Order());
    }

    [Fact]
    public void TrainerOptions_NeedExactlyOneLength_AndValidValues()
    {
        Assert.Throws<ArgumentException>(() => new TrainerOptions().Validate());
        Assert.Throws<ArgumentException>(() => new TrainerOptions { Steps = 10, Epochs = 2 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainerOptions { LearningRate = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainerOptions { Beta2 = 1 });
        Assert.Equal(25, new TrainerOptions { Epochs = 2.5, BatchSize = 8 }.TotalSteps(80));
    }

    [Fact]
    public void TrainingProgress_ReadsAsOneLine()
    {
        var validation = new ValidationResult(100, 0.0123, 31.2, IsBest: true);
        var progress = new TrainingProgress(
            TrainingEvent.Validation, 100, 1000, 1.5, 0.012345, 0.013, 1e-4, 4.2, TimeSpan.FromSeconds(214), validation, 31.2);

        Assert.Equal(
            "step 100/1000 epoch 1.50 loss 0.01235 (avg 0.01300) lr 1.0e-04 4.20 steps/s ETA 00:03:34 val L1 0.01230 PSNR 31.20 dB (best)",
            progress.ToString());
    }
}
