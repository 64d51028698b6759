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
    }

    [Fact]
    public void Train_MissingTrainingSet_FailsWithBadInputExitCode()
    {
        var result = CliRunner.Run(TestPaths.NewTempFolder(), "train", "--train-set", "/nonexistent", "--out", "run");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("/nonexistent", result.Error, StringComparison.Ordinal);
    }
}
