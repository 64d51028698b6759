using Downscale.Core.Imaging;
using Downscale.Tests;

namespace Downscale.Plotting.Tests;

public sealed class TrainingCurvesTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ReadLog_KeepsTheLastRecordOfAResumedStep_InStepOrder()
    {
        string log = WriteLog(
            """{"type":"start","step":0,"total_steps":4}""",
            """{"type":"step","step":1,"epoch":0.1,"loss":0.5,"lr":0.0001,"time_s":1}""",
            """{"type":"step","step":2,"epoch":0.2,"loss":0.4,"lr":0.0001,"time_s":2}""",
            """{"type":"validation","step":2,"l1":0.3,"psnr":30.5,"best":true,"lr":0.0001}""",
            """{"type":"step","step":3,"epoch":0.3,"loss":0.9,"lr":0.0001,"time_s":3}""",
            """{"type":"start","step":2,"total_steps":4}""",
            """{"type":"step","step":3,"epoch":0.3,"loss":0.35,"lr":0.0001,"time_s":1}""",
            """{"type":"step","step":4,"epoch":0.4,"loss":0.3,"lr":0.0001,"time_s":2}""",
            """{"type":"validation","step":4,"l1":0.2,"psnr":31.25,"best":true,"lr":0.0001}""");

        TrainingCurves curves = TrainingCurves.ReadLog(log);

        Assert.Equal([new(1, 0.5), new(2, 0.4), new(3, 0.35), new(4, 0.3)], curves.Loss);
        Assert.Equal([new(2, 30.5), new(4, 31.25)], curves.ValidationPsnr);
    }

    [Fact]
    public void ReadLog_IgnoresAnUnterminatedLastLineOfALiveRun()
    {
        string log = WriteLog("""{"type":"step","step":1,"epoch":0.1,"loss":0.5,"lr":0.0001,"time_s":1}""", """{"type":"step","st""");

        Assert.Single(TrainingCurves.ReadLog(log).Loss);
    }

    [Fact]
    public void ReadLog_RefusesACorruptLineInTheMiddle_NamingTheLine()
    {
        string log = WriteLog("""{"type":"step","step":1,"loss":0.5}""", "garbage", """{"type":"step","step":2,"loss":0.4}""");

        var error = Assert.Throws<InvalidDataException>(() => TrainingCurves.ReadLog(log));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLog_OfAMissingFile_SaysWhatItExpected()
    {
        var error = Assert.Throws<FileNotFoundException>(() => TrainingCurves.ReadLog(Path.Combine(folder, "nope.jsonl")));
        Assert.Contains("log.jsonl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_WritesAPngOfTheRequestedSize_WithBothCurvesDrawn()
    {
        var lines = new List<string>();
        for (int step = 1; step <= 200; step++)
        {
            lines.Add($$"""{"type":"step","step":{{step}},"loss":{{0.05 / Math.Sqrt(step)}}}""");
            if (step % 20 == 0)
            {
                lines.Add($$"""{"type":"validation","step":{{step}},"psnr":{{30 + Math.Log(step)}}}""");
            }
        }

        string log = WriteLog([.. lines]);
        string png = Path.Combine(folder, TrainingCurvesPlot.FileName);

        TrainingCurvesPlot.Save(log, png, "x4 run");

        PlanarImage image = ImageFile.Read(png);
        Assert.Equal((540, 960), (image.Height, image.Width));
        Assert.True(CountNear(image, 172, 198, 221) > 100, "the translucent steel-blue loss curve is missing");
        Assert.True(CountNear(image, 0, 0, 128) > 100, "the navy trailing-mean loss curve is missing");
        Assert.True(CountNear(image, 255, 69, 0) > 50, "the orange-red PSNR curve is missing");
        Assert.Empty(Directory.GetFiles(folder, "*.tmp*"));
    }

    private static int CountNear(PlanarImage image, int r, int g, int b)
    {
        int count = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                if (Math.Abs(image.Row(0, y)[x] * 255 - r) < 30 && Math.Abs(image.Row(1, y)[x] * 255 - g) < 30 && Math.Abs(image.Row(2, y)[x] * 255 - b) < 30)
                {
                    count++;
                }
            }
        }

        return count;
    }

    private string WriteLog(params string[] lines)
    {
        string path = Path.Combine(folder, "log.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }
}
