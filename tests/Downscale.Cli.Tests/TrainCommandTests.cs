using Downscale.Core.Imaging;
using Downscale.Tests;
using Downscale.Torch.Models.AdkNet;

namespace Downscale.Cli.Tests;

public class TrainCommandTests
{
    [Fact]
    public void Train_TinyAdkNet_SavesLoadableBestWeightsAndResumes()
    {
        string folder = TestPaths.NewTempFolder();
        string[] args =
        [
            "train", "--train-set", Path.Combine(AppContext.BaseDirectory, "samples", "Set5"), "--scale", "2", "--features", "4",
            "--batch", "1", "--patch", "48", "--validate-every", "2", "--checkpoint-every", "2", "--threads", "1", "--out", "run",
        ];

        var first = CliRunner.Run(folder, [.. args, "--steps", "2"]);
        var second = CliRunner.Run(folder, [.. args, "--steps", "4"]);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Completed at step 2", first.Output, StringComparison.Ordinal);
        Assert.Contains("step 3/4", second.Output, StringComparison.Ordinal); // resumed, not restarted
        Assert.DoesNotContain("step 1/4", second.Output, StringComparison.Ordinal);
        using AdkNet best = AdkNet.Load(Path.Combine(folder, "run", "best.safetensors"));
        Assert.Equal(2, best.Scale);
        Assert.Equal(4, best.Options.Features);
        PlanarImage curves = ImageFile.Read(Path.Combine(folder, "run", "curves.png")); // redrawn after each validation
        Assert.Equal((540, 960), (curves.Height, curves.Width));
    }

    [Fact]
    public void Train_AblationVariantWarmStartedFromAnotherRun_RecordsTheVariantAndRefusesAMismatchedInit()
    {
        string folder = TestPaths.NewTempFolder();
        string[] args =
        [
            "train", "--train-set", Path.Combine(AppContext.BaseDirectory, "samples", "Set5"), "--scale", "2", "--features", "4",
            "--batch", "1", "--patch", "48", "--steps", "1", "--threads", "1", "--generators", "SharedTrunk", "--normalization", "SumOnly",
        ];

        var first = CliRunner.Run(folder, [.. args, "--out", "a"]);
        var warm = CliRunner.Run(folder, [.. args, "--out", "b", "--init", Path.Combine("a", "best.safetensors")]);
        var mismatched = CliRunner.Run(folder, [.. args[..^4], "--out", "c", "--init", Path.Combine("a", "best.safetensors")]);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, warm.ExitCode);
        using AdkNet trained = AdkNet.Load(Path.Combine(folder, "b", "best.safetensors"));
        Assert.Equal(KernelGeneratorSharing.SharedTrunk, trained.Options.GeneratorSharing);
        Assert.Equal(KernelNormalization.SumOnly, trained.Options.Normalization);
        Assert.Equal(3, mismatched.ExitCode); // per-channel two-stage model cannot start from the shared-trunk weights
        Assert.Contains("generator_sharing=shared_trunk", mismatched.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_MissingTrainingSet_FailsWithBadInputExitCode()
    {
        var result = CliRunner.Run(TestPaths.NewTempFolder(), "train", "--train-set", "/nonexistent", "--out", "run");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("/nonexistent", result.Error, StringComparison.Ordinal);
    }
}
