using Downscale.Core.Imaging;
using Downscale.Tests;

namespace Downscale.Cli.Tests;

public class PlotCommandTests
{
    [Fact]
    public void Plot_RunFolderWithLog_WritesCurvesPng()
    {
        string folder = TestPaths.NewTempFolder();
        Directory.CreateDirectory(Path.Combine(folder, "run"));
        File.WriteAllLines(Path.Combine(folder, "run", "log.jsonl"),
        [
            """{"type":"step","step":1,"loss":0.02}""",
            """{"type":"step","step":2,"loss":0.01}""",
            """{"type":"validation","step":2,"psnr":33.5}""",
        ]);

        var result = CliRunner.Run(folder, "plot", "run", "--out", "c.png");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(960, ImageFile.Read(Path.Combine(folder, "c.png")).Width);
    }

    [Fact]
    public void Plot_FolderWithoutLog_FailsWithBadInputAndSaysWhatIsMissing()
    {
        var result = CliRunner.Run(TestPaths.NewTempFolder(), "plot", "nowhere");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("log.jsonl", result.Error, StringComparison.Ordinal);
    }
}
