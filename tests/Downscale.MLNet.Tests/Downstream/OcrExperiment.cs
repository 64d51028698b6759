using Downscale.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Transforms.Image;

namespace Downscale.MLNet.Tests.Downstream;

/// <summary>OCR accuracy on the rendered lines after downscaling: the experiment behind docs/results.md ("Downstream OCR").</summary>
internal static class OcrExperiment
{
    /// <summary>Lines a learned model's OCR test reads (6; its inference is the slow part); DOWNSCALE_OCR_GRID=full reads all 30 for the docs.</summary>
    public static int LearnedModelLines => Environment.GetEnvironmentVariable("DOWNSCALE_OCR_GRID") == "full" ? int.MaxValue : 6;

    /// <summary>Asserts that <paramref name="model"/> reads as well as <paramref name="baseline"/> at <paramref name="scale"/> (characters within 0.02) and reads at least 80% of the lines exactly.</summary>
    public static void AssertReadsAsWellAs(Grid grid, string model, double scale, string baseline)
    {
        Cell cell = grid[(model, scale)];
        Xunit.Assert.True(cell.Characters >= grid[(baseline, scale)].Characters - 0.02, grid.Markdown);
        Xunit.Assert.True(cell.Exact >= 0.8, grid.Markdown);
    }

    /// <summary>
    /// Downscales each line by <paramref name="scale"/> with <paramref name="method"/> (null: none, the full-size input),
    /// brings it to the recognizer's 48 x 320 with ML.NET's ResizeImages, recognises it, and scores the text.
    /// </summary>
    public static (double Exact, double Characters) Accuracy(MLContext mlContext, string? method, double scale, Learned.LearnedDownscaler? model = null, int lines = int.MaxValue)
    {
        IDataView rows = TextLines.Rows(mlContext, lines);
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
    public static Grid Table(MLContext mlContext, IReadOnlyList<string> methods, IReadOnlyList<double> scales, IReadOnlyList<(string Name, Learned.LearnedDownscaler Model)>? models = null, int lines = int.MaxValue)
    {
        var cells = new List<Cell>();
        foreach (string method in methods)
        {
            foreach (double scale in scales)
            {
                (double exact, double characters) = Accuracy(mlContext, method, scale, lines: lines);
                cells.Add(new Cell(method, scale, exact, characters));
            }
        }

        foreach ((string name, Learned.LearnedDownscaler model) in models ?? [])
        {
            (double exact, double characters) = Accuracy(mlContext, null, model.Scale, model, lines);
            cells.Add(new Cell(name, model.Scale, exact, characters));
        }

        return new Grid(Accuracy(mlContext, null, 1, lines: lines), cells, scales);
    }
}
