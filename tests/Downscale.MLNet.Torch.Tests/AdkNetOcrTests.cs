using Downscale.MLNet.Tests.Downstream;
using Downscale.Models;
using Microsoft.ML;
using Xunit.Abstractions;

namespace Downscale.MLNet.Torch.Tests;

/// <summary>The shipped ADK-Net x4 before PP-OCRv4 recognition: its row of the "Downstream OCR" table of docs/results.md.</summary>
public sealed class AdkNetOcrTests(ITestOutputHelper output)
{
    /// <summary>Lines read here (ADK-Net's x4 inference is the slow part); DOWNSCALE_OCR_GRID=full reads all 30 for the docs.</summary>
    private static int Lines => Environment.GetEnvironmentVariable("DOWNSCALE_OCR_GRID") == "full" ? int.MaxValue : 6;

    [Fact]
    public void ShippedAdkNet_BeforeOcr_ReadsAsWellAsTheClassicMethodsAtX4()
    {
        var mlContext = new MLContext(seed: 0);
        var model = AdkNetDownscaler.Load(ShippedModels.AdkNet(4));

        OcrExperiment.Grid grid = OcrExperiment.Table(mlContext, ["bicubic-pil"], [4], [(model.Name, model)], lines: Lines);
        output.WriteLine(grid.Markdown);

        OcrExperiment.Cell adkNet = grid[(model.Name, 4)];
        Assert.True(adkNet.Characters >= grid[("bicubic-pil", 4)].Characters - 0.02, grid.Markdown);
        Assert.True(adkNet.Exact >= 0.8, grid.Markdown);
    }
}
