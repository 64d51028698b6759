using Downscale.Core.Imaging;
using Downscale.MLNet.Transforms;
using Downscale.Tests;
using Downscale.Torch.Native;
using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.MLNet.Torch.Tests;

/// <summary>
/// The downstream chain without a downloaded model: a tiny classifier trained with TorchSharp, written to ONNX, and run
/// by ML.NET's ApplyOnnxModel after LoadImages and DownscaleImages.
/// </summary>
public sealed class TinyClassifierOnnxTests
{
    private const int Side = 8, Features = 3 * Side * Side, Hidden = 16;
    private readonly MLContext mlContext = new(seed: 0);
    private readonly string folder = TestPaths.NewTempFolder();

    /// <summary>A 64x64 image: warm (class 0) or cool (class 1) colour under random texture.</summary>
    private static PlanarImage Sample(int label, Random random)
    {
        var image = new PlanarImage(3, 64, 64);
        float hot = 0.55f + (0.4f * random.NextSingle()), cold = 0.35f * random.NextSingle();
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                float texture = 0.25f * random.NextSingle();
                image.Row(0, y)[x] = (label == 0 ? hot : cold) + texture;
                image.Row(1, y)[x] = (0.3f * random.NextSingle()) + texture;
                image.Row(2, y)[x] = (label == 0 ? cold : hot) + texture;
            }
        }

        return image;
    }

    [Fact]
    public void ClassifierTrainedWithTorchSharp_RunsInApplyOnnxModelAfterDownscaleImages()
    {
        TorchNative.EnsureLoaded();
        var random = new Random(7);
        var files = new List<(string Path, int Label)>();
        for (int i = 0; i < 24; i++)
        {
            string path = Path.Combine(folder, $"sample{i:00}.png");
            ImageFile.WritePng(path, Sample(i % 2, random));
            files.Add((path, i % 2));
        }

        // The classifier sees what the pipeline gives it: DownscaleImages (area, to 8x8), then ExtractPixels / 255.
        var pipeline = mlContext.Transforms.LoadImages("Image", null, "Path")
            .Append(mlContext.Transforms.DownscaleImages(new ImageDownscalingOptions { OutputColumnName = "Small", InputColumnName = "Image", Method = "area", Width = Side, Height = Side }))
            .Append(mlContext.Transforms.ExtractPixels("input", "Small", scaleImage: 1 / 255f));
        IDataView rows = mlContext.Data.LoadFromEnumerable(files.Select(f => new Row { Path = f.Path, Label = f.Label }).ToList());
        ITransformer features = pipeline.Fit(rows);
        float[][] pixels = [.. mlContext.Data.CreateEnumerable<PixelsRow>(features.Transform(rows), reuseRowObject: false).Select(r => r.Input)];

        (float[] w1, float[] b1, float[] w2, float[] b2, int[] torchPredictions) = Train(pixels, [.. files.Select(f => (long)f.Label)]);
        string onnx = Path.Combine(folder, "classifier.onnx");
        File.WriteAllBytes(onnx, MinimalOnnxWriter.Mlp("input", [1, 3, Side, Side], "probabilities", Features, w1, b1, Hidden, w2, b2, classes: 2));

        var scoring = pipeline.Append(mlContext.Transforms.ApplyOnnxModel(["probabilities"], ["input"], onnx));
        List<float[]> probabilities = [.. mlContext.Data.CreateEnumerable<ProbabilitiesRow>(scoring.Fit(rows).Transform(rows), reuseRowObject: false).Select(r => r.Probabilities)];

        int[] onnxPredictions = [.. probabilities.Select(p => p[1] > p[0] ? 1 : 0)];
        Assert.Equal(torchPredictions, onnxPredictions);
        Assert.Equal(files.Select(f => f.Label), onnxPredictions);
        Assert.All(probabilities, p => Assert.Equal(1f, p[0] + p[1], 4));
    }

    private static (float[] W1, float[] B1, float[] W2, float[] B2, int[] Predictions) Train(float[][] pixels, long[] labels)
    {
        random.manual_seed(3);
        using var scope = NewDisposeScope();
        var first = nn.Linear(Features, Hidden);
        var second = nn.Linear(Hidden, 2);
        var model = nn.Sequential(first, nn.ReLU(), second);
        Tensor x = tensor(pixels.SelectMany(p => p).ToArray(), [pixels.Length, Features]);
        Tensor y = tensor(labels);
        using var optimizer = optim.Adam(model.parameters(), lr: 0.01);
        for (int step = 0; step < 150; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(x), y).backward();
            optimizer.step();
        }

        using var noGrad = no_grad();
        int[] predictions = [.. model.forward(x).argmax(1).data<long>().Select(v => (int)v)];
        return (first.weight!.data<float>().ToArray(), first.bias!.data<float>().ToArray(), second.weight!.data<float>().ToArray(), second.bias!.data<float>().ToArray(), predictions);
    }

    private sealed class Row
    {
        public string Path { get; set; } = string.Empty;

        public int Label { get; set; }
    }

    private sealed class PixelsRow
    {
        [Microsoft.ML.Data.ColumnName("input")]
        public float[] Input { get; set; } = [];
    }

    private sealed class ProbabilitiesRow
    {
        [Microsoft.ML.Data.ColumnName("probabilities")]
        public float[] Probabilities { get; set; } = [];
    }
}
