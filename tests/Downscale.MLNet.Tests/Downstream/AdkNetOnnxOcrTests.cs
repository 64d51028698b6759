using Downscale.MLNet.Learned;
using Downscale.Models;
using Microsoft.ML;
using Xunit.Abstractions;

namespace Downscale.MLNet.Tests.Downstream;

/// <summary>
/// The shipped ADK-Net at each of its scales, through the default engine (ONNX Runtime), before PP-OCRv4 recognition:
/// its rows of the downscaling-vs-OCR table of docs/results.md.
/// </summary>
public sealed class AdkNetOnnxOcrTests(ITestOutputHelper output)
{
    /// <summary>Lines read by default; DOWNSCALE_OCR_GRID=full reads all 30 for the docs.</summary>
    private static int Lines => Environment.GetEnvironmentVariable("DOWNSCALE_OCR_GRID") == "full" ? int.MaxValue : 6;

    [Fact]
    public void ShippedAdkNetOnnx_BeforeOcr_ReadsAsWellAsBicubicAtEachShippedScale()
    {
        var mlContext = new MLContext(seed: 0);
        var models = ShippedModels.AdkNetScales.Select(s => LearnedDownscaler.FromOnnx(ShippedModels.AdkNetOnnx(s))).Select(m => (m.Name + " (ONNX Runtime)", m)).ToList();
        double[] scales = [.. ShippedModels.AdkNetScales.Select(s => (double)s)];

        OcrExperiment.Grid grid = OcrExperiment.Table(mlContext, ["bicubic-pil"], scales, models, lines: Lines);
        output.WriteLine(grid.Markdown);
        if (Environment.GetEnvironmentVariable("DOWNSCALE_OCR_ADKNET_TABLE") is { Length: > 0 } path)
        {
            File.WriteAllText(path, grid.Markdown);
        }

        foreach ((string name, LearnedDownscaler model) in models)
        {
            OcrExperiment.Cell adkNet = grid[(name, model.Scale)];
            Assert.True(adkNet.Characters >= grid[("bicubic-pil", model.Scale)].Characters - 0.02, grid.Markdown);
            Assert.True(adkNet.Exact >= 0.8, grid.Markdown);
        }
    }
}
