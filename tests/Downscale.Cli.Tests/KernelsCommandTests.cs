using Downscale.Core.Imaging;
using Downscale.Tests;

namespace Downscale.Cli.Tests;

public class KernelsCommandTests
{
    [Fact]
    public void Kernels_WritesMeanKernelAndTapMapsPerChannel()
    {
        string folder = TestPaths.NewTempFolder();
        var train = CliRunner.Run(folder, "train", "--train-set", Path.Combine(AppContext.BaseDirectory, "samples", "Set5"), "--scale", "2",
            "--features", "4", "--batch", "1", "--patch", "48", "--steps", "1", "--validate-every", "1", "--threads", "1", "--out", "run");
        Assert.Equal(0, train.ExitCode);

        var result = CliRunner.Run(folder, "kernels", "--model", Path.Combine("run", "best.safetensors"),
            "--image", Path.Combine(AppContext.BaseDirectory, "samples", "Set5", "HR", "bird.png"), "--out", "k");

        Assert.Equal(0, result.ExitCode);
        foreach (string channel in new[] { "r", "g", "b" })
        {
            Assert.True(File.Exists(Path.Combine(folder, "k", $"kernels_mean_{channel}.png")));
            ImageInfo taps = ImageFile.ReadInfo(Path.Combine(folder, "k", $"kernels_taps_{channel}.png"));
            Assert.True(taps.Width > 144, "a k x k mosaic of 144 x 144 maps"); // k = 5 at x2
        }
    }
}
