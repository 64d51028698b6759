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
        // DOWNSCALE_OCR_GRID=full runs every classic method at x2, x3, x4, x6, x8, x12 and x16 (the table of docs/pipelines.md);
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

/// <summary>OCR accuracy on the rendered lines after downscaling: the experiment behind docs/pipelines.md ("Downstream OCR").</summary>
internal static class OcrExperiment
{
    /// <summary>
    /// Downscales each line by <paramref name="scale"/> with <paramref name="method"/> (null: none, the full-size input),
    /// brings it to the recognizer's 48 x 320 with ML.NET's ResizeImages, recognises it, and scores the text.
    /// </summary>
    public static (double Exact, double Characters) Accuracy(MLContext mlContext, string? method, double scale, Learned.LearnedDownscaler? model = null)
    {
        IDataView rows = TextLines.Rows(mlContext);
        IEstimator<ITransformer> pipeline = mlContext.Transforms.LoadImages("Image", TextLines.Folder, "File");
        string source = "Image";
        if (method is not null || model is not null)
        {
            pipeline = pipeline.Append(mlContext.Transforms.DownscaleImages(new ImageDownscalingOptions
            {
                OutputColumnName = "Small",
                InputColumnName = "Image",
                Method = method ?? ImageDownscalingOptions.Defaults.Method,
                Model = model,
                Scale = model is null ? scale : null,
                DegreeOfParallelism = model is null ? 0 : 1,
            }));
            source = "Small";
        }

        pipeline = pipeline
            .Append(mlContext.Transforms.ResizeImages("Line", PaddleOcr.Width, PaddleOcr.Height, source, ImageResizingEstimator.ResizingKind.Fill))
            .Append(PaddleOcr.Recognize(mlContext, "Line"))
            .Append(PaddleOcr.Decode(mlContext));
        List<string> texts = [.. mlContext.Data.CreateEnumerable<PaddleOcr.TextRow>(pipeline.Fit(rows).Transform(rows), reuseRowObject: false).Select(r => r.Text)];
        return TextLines.Accuracy(texts);
    }

    /// <summary>One cell of the table.</summary>
    public sealed record Cell(string Method, double Scale, double Exact, double Characters);

    /// <summary>The accuracy grid with the full-size row.</summary>
    public sealed record Grid((double Exact, double Characters) FullSize, IReadOnlyList<Cell> Cells, IReadOnlyList<double> Scales)
    {
        public Cell this[(string Method, double Scale) key] => Cells.Single(c => c.Method == key.Method && c.Scale == key.Scale);

        /// <summary>Rows: methods; columns: scales; each cell "exact % / characters %".</summary>
        public string Markdown
        {
            get
            {
                var text = new System.Text.StringBuilder();
                text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"| method | {string.Join(" | ", Scales.Select(s => $"x{s}"))} |");
                text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"|---|{string.Concat(Scales.Select(_ => "---:|"))}");
                text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"| full-size input (960x144) | {Format(FullSize.Exact, FullSize.Characters)} (any scale) |{string.Concat(Scales.Skip(1).Select(_ => " |"))}");
                foreach (var method in Cells.GroupBy(c => c.Method))
                {
                    text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"| {method.Key} | {string.Join(" | ", Scales.Select(s => method.SingleOrDefault(c => c.Scale == s) is { } c ? Format(c.Exact, c.Characters) : "-"))} |");
                }

                return text.ToString();
            }
        }

        private static string Format(double exact, double characters) =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{100 * exact:F0} / {100 * characters:F1}");
    }

    /// <summary>Every method at every scale, plus the full-size input.</summary>
    public static Grid Table(MLContext mlContext, IReadOnlyList<string> methods, IReadOnlyList<double> scales, IReadOnlyList<(string Name, Learned.LearnedDownscaler Model)>? models = null)
    {
        var cells = new List<Cell>();
        foreach (string method in methods)
        {
            foreach (double scale in scales)
            {
                (double exact, double characters) = Accuracy(mlContext, method, scale);
                cells.Add(new Cell(method, scale, exact, characters));
            }
        }

        foreach ((string name, Learned.LearnedDownscaler model) in models ?? [])
        {
            (double exact, double characters) = Accuracy(mlContext, null, model.Scale, model);
            cells.Add(new Cell(name, model.Scale, exact, characters));
        }

        return new Grid(Accuracy(mlContext, null, 1), cells, scales);
    }
}
