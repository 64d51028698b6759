using Downscale.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Transforms.Image;
using Xunit.Abstractions;

namespace Downscale.MLNet.Tests.Downstream;

/// <summary>
/// A real downstream vision model in one MLContext pipeline: LoadImages, our downscaling, ExtractPixels, ApplyOnnxModel
/// (PaddleOCR PP-OCRv4 recognition), and the recognised text.
/// </summary>
public sealed class OcrPipelineTests(ITestOutputHelper output)
{
    private readonly MLContext mlContext = new(seed: 0);

    [Fact]
    public void LoadImages_DownscaleImages_ExtractPixels_ApplyOnnxModel_ReadsTheText()
    {
        IDataView rows = TextLines.Rows(mlContext, count: 8);
        var pipeline = mlContext.Transforms.LoadImages("Image", TextLines.Folder, "File")
            .Append(mlContext.Transforms.DownscaleImages(new ImageDownscalingOptions
            {
                OutputColumnName = "Line",
                InputColumnName = "Image",
                Method = "area",
                Width = PaddleOcr.Width,
                Height = PaddleOcr.Height,
            }))
            .Append(PaddleOcr.Recognize(mlContext, "Line"))
            .Append(PaddleOcr.Decode(mlContext));

        List<string> texts = [.. mlContext.Data.CreateEnumerable<PaddleOcr.TextRow>(pipeline.Fit(rows).Transform(rows), reuseRowObject: false).Select(r => r.Text)];

        Assert.Equal(TextLines.All.Take(8).Select(l => l.Text), texts);
    }

    [Fact]
    public void AccuracyTable_FullSizeReadsBest_AndAreaBeatsNearestAtEight()
    {
        // DOWNSCALE_OCR_GRID=full runs every classic method at x2, x3, x4, x6, x8, x12 and x16 (the table of docs/results.md);
        // by default a small grid runs, with the same assertions.
        bool full = Environment.GetEnvironmentVariable("DOWNSCALE_OCR_GRID") == "full";
        string[] methods = full ? [.. Core.Resampling.ClassicDownscalers.All.Select(m => m.Name)] : ["nearest", "bicubic-pil", "area"];
        double[] scales = full ? [2, 3, 4, 6, 8, 12, 16] : [8];

        var table = OcrExperiment.Table(mlContext, methods, scales);
        output.WriteLine(table.Markdown);
        if (Environment.GetEnvironmentVariable("DOWNSCALE_OCR_TABLE") is { Length: > 0 } path)
        {
            File.WriteAllText(path, table.Markdown);
        }

        (double fullExact, double fullCharacters) = table.FullSize;
        Assert.True(fullExact >= 0.9 && fullCharacters >= 0.97, $"full size: exact {fullExact:P1}, characters {fullCharacters:P1}");
        Assert.All(table.Cells, cell => Assert.True(cell.Characters <= fullCharacters + 0.02, $"{cell.Method} x{cell.Scale} beats the full-size input"));
        Assert.True(table[("area", 8)].Characters > table[("nearest", 8)].Characters, "area must read better than nearest at x8");
    }
}
