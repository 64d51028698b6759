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
    [Fact]
    public void ShippedAdkNetOnnx_BeforeOcr_ReadsAsWellAsBicubicAtEachShippedScale()
    {
        var mlContext = new MLContext(seed: 0);
        var models = ShippedModels.AdkNetScales.Select(s => LearnedDownscaler.FromOnnx(ShippedModels.AdkNetOnnx(s))).Select(m => (m.Name + " (ONNX Runtime)", m)).ToList();
        double[] scales = [.. ShippedModels.AdkNetScales.Select(s => (double)s)];

        OcrExperiment.Grid grid = OcrExperiment.Table(mlContext, ["bicubic-pil"], scales, models, lines: OcrExperiment.LearnedModelLines);
        output.WriteLine(grid.Markdown);
        if (Environment.GetEnvironmentVariable("DOWNSCALE_OCR_ADKNET_TABLE") is { Length: > 0 } path)
        {
            File.WriteAllText(path, grid.Markdown);
        }

        foreach ((string name, LearnedDownscaler model) in models)
        {
            OcrExperiment.AssertReadsAsWellAs(grid, name, model.Scale, "bicubic-pil");
        }
    }
}
