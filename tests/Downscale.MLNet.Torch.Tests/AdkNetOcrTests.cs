using Downscale.MLNet.Tests.Downstream;
using Downscale.Models;
using Microsoft.ML;
using Xunit.Abstractions;

namespace Downscale.MLNet.Torch.Tests;

/// <summary>The shipped ADK-Net x4 before PP-OCRv4 recognition: its row of the "Downstream OCR" table of docs/results.md.</summary>
public sealed class AdkNetOcrTests(ITestOutputHelper output)
{
    [Fact]
    public void ShippedAdkNet_BeforeOcr_ReadsAsWellAsTheClassicMethodsAtX4()
    {
        var mlContext = new MLContext(seed: 0);
        var model = AdkNetDownscaler.Load(ShippedModels.AdkNet(4));

        OcrExperiment.Grid grid = OcrExperiment.Table(mlContext, ["bicubic-pil"], [4], [(model.Name, model)], lines: OcrExperiment.LearnedModelLines);
        output.WriteLine(grid.Markdown);
        OcrExperiment.AssertReadsAsWellAs(grid, model.Name, 4, "bicubic-pil");
    }
}
