using Downscale.Core.Data;
using Downscale.Core.Evaluation;
using Downscale.Core.Imaging;
using Downscale.Core.Metrics;
using Downscale.Core.Resampling;
using Downscale.MLNet.Evaluation;
using Downscale.MLNet.Transforms;
using Downscale.Tests;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Tests.Evaluation;

/// <summary>ComputeFidelity, Evaluate and Compare against Downscale.Core's metrics on the same images.</summary>
public sealed class FidelityTests
{
    private readonly MLContext mlContext = new(seed: 0);

    private static PlanarImage Quantized(PlanarImage image) =>
        InterleavedPixels.ToPlanar(InterleavedPixels.ToInterleaved8(image), image.Height, image.Width, image.Channels);

    [Fact]
    public void ComputeFidelity_EqualsCoreFidelityOfTheSavedImages()
    {
        string[] names = ["baby", "head", "woman"];
        IDataView rows = TestData.Paths(mlContext, names.Select(TestData.Set5), names.Select(n => TestData.Set5Lr(n, 3)));
        IDataView scored = mlContext.Transforms.LoadImages("Image", null, "Path")
            .Append(mlContext.Transforms.LoadImages("Target", null, "LrPath"))
            .Append(mlContext.Transforms.DownscaleImages("Small", 3, "bicubic-matlab", "Image"))
            .Append(mlContext.Transforms.ComputeFidelity("Small", "Target", cropBorder: 3))
            .Fit(rows).Transform(rows);

        double[][] columns = [.. FidelityColumns.All.Select(c => scored.GetColumn<double>(c).ToArray())];

        for (int i = 0; i < names.Length; i++)
        {
            PlanarImage prediction = Quantized(ClassicDownscalers.Get("bicubic-matlab").Downscale(ImageFile.Read(TestData.Set5(names[i])), 3));
            FidelityScores expected = Fidelity.Compute(prediction, ImageFile.Read(TestData.Set5Lr(names[i], 3)), new QualityOptions { CropBorder = 3 });
            Assert.Equal([expected.PsnrRgb, expected.PsnrY, expected.SsimRgb, expected.SsimY], columns.Select(c => c[i]));
        }
    }

    [Fact]
    public void ComputeFidelity_ImagesOfDifferentSizes_FailsNamingBothColumns()
    {
        IDataView rows = TestData.Paths(mlContext, [TestData.Set5("bird")], [TestData.Set5Lr("bird", 4)]);
        IDataView scored = mlContext.Transforms.LoadImages("Image", null, "Path")
            .Append(mlContext.Transforms.LoadImages("Target", null, "LrPath"))
            .Append(mlContext.Transforms.DownscaleImages("Small", 2, "area", "Image"))
            .Append(mlContext.Transforms.ComputeFidelity("Small", "Target"))
            .Fit(rows).Transform(rows);

        var error = Assert.Throws<InvalidOperationException>(() => scored.GetColumn<double>(FidelityColumns.PsnrRgb).ToList());

        Assert.Contains("'Small' holds a 144x144 image", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Target' a 72x72", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeFidelity_FixedSizesThatDiffer_FailFromTheSchema()
    {
        IDataView rows = TestData.Paths(mlContext, [TestData.Set5("bird")]);
        var pipeline = mlContext.Transforms.LoadImages("Image", null, "Path")
            .Append(mlContext.Transforms.ResizeImages("A", 40, 40, "Image"))
            .Append(mlContext.Transforms.ResizeImages("B", 40, 30, "Image"))
            .Append(mlContext.Transforms.ComputeFidelity("A", "B"));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Fit(rows));

        Assert.Contains("'A' is Image<40, 40> but column 'B' is Image<30, 40>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AveragesLikeTheCoreSetEvaluation()
    {
        IDataView pairs = mlContext.Data.LoadPairsV1(Path.Combine(TestPaths.SharedData, "Set5"), "camsim", 4);
        IDataView predictions = mlContext.Transforms.LoadImages("Hr", null, "HrPath")
            .Append(mlContext.Transforms.LoadImages("Lr", null, "LrPath"))
            .Append(mlContext.Transforms.DownscaleImages("Prediction", 4, "lanczos3", "Hr"))
            .Fit(pairs).Transform(pairs);

        DownscalingMetrics metrics = mlContext.Downscaling().Evaluate(predictions, targetColumnName: "Lr", predictionColumnName: "Prediction", cropBorder: 4);

        SetScores expected = SetEvaluation.Score(
            "lanczos3",
            new PairLoader().LoadAll(PairsV1DataSet.Enumerate(Path.Combine(TestPaths.SharedData, "Set5"), "camsim", 4)),
            (hr, s) => Quantized(ClassicDownscalers.Get("lanczos3").Downscale(hr, s)));
        Assert.Equal(5, metrics.Count);
        Assert.Equal(expected.Mean.PsnrRgb, metrics.PsnrRgb, 10);
        Assert.Equal(expected.Mean.PsnrY, metrics.PsnrY, 10);
        Assert.Equal(expected.Mean.SsimRgb, metrics.SsimRgb, 12);
        Assert.Equal(expected.Mean.SsimY, metrics.SsimY, 12);
    }

    [Fact]
    public void Compare_BuildsThePaperTableForSeveralMethods()
    {
        IDataView pairs = mlContext.Data.LoadPairsV1(Path.Combine(TestPaths.SharedData, "Set5"), "bicubic", 2);

        DownscalingComparison table = mlContext.Downscaling().Compare(pairs, 2, "nearest", "bicubic-matlab", "area");

        Assert.Equal(["nearest", "bicubic-matlab", "area"], table.Methods.Select(m => m.Method));
        // The ground truth of this protocol is MATLAB bicubic itself: it must win by far.
        Assert.Equal("bicubic-matlab", table.Best.Method);
        Assert.True(table.Methods[1].Metrics.PsnrRgb > table.Methods[0].Metrics.PsnrRgb + 10);
        string markdown = table.ToMarkdown();
        Assert.StartsWith("| method | scale | PSNR RGB (dB) | SSIM RGB | PSNR Y (dB) | SSIM Y |", markdown, StringComparison.Ordinal);
        Assert.Contains("| bicubic-matlab | 2 | **", markdown, StringComparison.Ordinal);
        Assert.Equal(5, markdown.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
