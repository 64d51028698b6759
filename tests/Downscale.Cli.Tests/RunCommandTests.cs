using Downscale.Core.Imaging;
using Downscale.Tests;

namespace Downscale.Cli.Tests;

public class RunCommandTests
{
    private static string SampleHr => Path.Combine(AppContext.BaseDirectory, "samples", "Set5", "HR");

    [Fact]
    public void Run_ClassicMethodOnFolder_AtFractionalScale_WritesEveryImage()
    {
        string folder = TestPaths.NewTempFolder();
        var result = CliRunner.Run(folder, "run", SampleHr, "--method", "bicubic-pil", "--scale", "1.3", "--out", "lr");

        Assert.Equal(0, result.ExitCode);
        ImageInfo bird = ImageFile.ReadInfo(Path.Combine(folder, "lr", "bird.png"));
        Assert.Equal((222, 222), (bird.Width, bird.Height)); // 288 / 1.3 = 221.5, rounded half away from zero
        Assert.Equal(5, Directory.GetFiles(Path.Combine(folder, "lr"), "*.png").Length);
    }

    [Fact]
    public void Run_TrainedModel_WritesLrAtTheModelsScale_AndRefusesSizesItCannotDivide()
    {
        string folder = TestPaths.NewTempFolder();
        var train = CliRunner.Run(folder, "train", "--train-set", Path.Combine(AppContext.BaseDirectory, "samples", "Set5"), "--scale", "2",
            "--features", "4", "--batch", "1", "--patch", "48", "--steps", "1", "--validate-every", "1", "--threads", "1", "--out", "run");
        Assert.Equal(0, train.ExitCode);
        string model = Path.Combine(folder, "run", "best.safetensors");

        var ok = CliRunner.Run(folder, "run", Path.Combine(SampleHr, "bird.png"), "--model", model, "--out", "lr");
        Assert.Equal(0, ok.ExitCode);
        ImageInfo lr = ImageFile.ReadInfo(Path.Combine(folder, "lr", "bird.png"));
        Assert.Equal((144, 144), (lr.Width, lr.Height));

        string odd = Path.Combine(folder, "odd.png");
        ImageFile.WritePng(odd, TestImages.Random(3, 41, 30, seed: 1));
        var refused = CliRunner.Run(folder, "run", odd, "--model", model, "--out", "lr");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("41", refused.Error, StringComparison.Ordinal);

        var cropped = CliRunner.Run(folder, "run", odd, "--model", model, "--out", "lr", "--size-policy", "Crop");
        Assert.Equal(0, cropped.ExitCode);
        Assert.Equal(20, ImageFile.ReadInfo(Path.Combine(folder, "lr", "odd.png")).Height);
    }

    [Theory]
    [InlineData("--method", "area")] // no scale for a classic method
    [InlineData("--method", "area", "--model", "x.safetensors", "--scale", "2")]
    [InlineData("--method", "area", "--scale", "0.5")]
    public void Run_InconsistentOptions_ExitWithUsageCode(params string[] options)
    {
        var result = CliRunner.Run(TestPaths.NewTempFolder(), ["run", Path.Combine(SampleHr, "bird.png"), .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }
}
