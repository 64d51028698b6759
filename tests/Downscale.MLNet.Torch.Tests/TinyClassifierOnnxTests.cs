using Downscale.Core.Imaging;
using Downscale.MLNet.Transforms;
using Downscale.Onnx.Export;
using Downscale.Tests;
using Downscale.Torch.Export;
using Downscale.Torch.Native;
using Microsoft.ML;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Downscale.MLNet.Torch.Tests;

/// <summary>
/// The downstream chain without a downloaded model: a tiny convolutional classifier trained with TorchSharp, exported
/// by our exporter (<see cref="SequentialOnnxExporter"/>), and run by ML.NET's ApplyOnnxModel after LoadImages and
/// DownscaleImages.
/// </summary>
public sealed class TinyClassifierOnnxTests
{
    private const int Side = 8;
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

        (Sequential classifier, float[][] torchProbabilities) = Train(pixels, [.. files.Select(f => (long)f.Label)]);
        string onnx = Path.Combine(folder, "classifier.onnx");
        SequentialOnnxExporter.Export(classifier, onnx, [1, 3, Side, Side], inputName: "input", outputName: "probabilities");

        var scoring = pipeline.Append(mlContext.Transforms.ApplyOnnxModel(["probabilities"], ["input"], onnx));
        List<float[]> probabilities = [.. mlContext.Data.CreateEnumerable<ProbabilitiesRow>(scoring.Fit(rows).Transform(rows), reuseRowObject: false).Select(r => r.Probabilities)];

        int[] onnxPredictions = [.. probabilities.Select(p => p[1] > p[0] ? 1 : 0)];
        int[] torchPredictions = [.. torchProbabilities.Select(p => p[1] > p[0] ? 1 : 0)];
        Assert.Equal(torchPredictions, onnxPredictions);
        Assert.Equal(files.Select(f => f.Label), onnxPredictions);
        Assert.All(probabilities, p => Assert.Equal(1f, p[0] + p[1], 4));
        for (int i = 0; i < probabilities.Count; i++)
        {
            Assert.Equal(torchProbabilities[i][0], probabilities[i][0], 4); // ONNX Runtime computes what TorchSharp computed
        }
    }

    [Fact]
    public void Exporter_RefusesAModuleItCannotExpress_NamingIt_AndWritesNothing()
    {
        TorchNative.EnsureLoaded();
        using var model = nn.Sequential(
            ("features", nn.Sequential(("conv", nn.Conv2d(3, 4, 3, padding: 1)), ("drop", nn.Dropout(0.5)))),
            ("flatten", nn.Flatten()),
            ("fc", nn.Linear(4 * Side * Side, 2)));
        string onnx = Path.Combine(folder, "refused.onnx");

        var error = Assert.Throws<OnnxExportException>(() => SequentialOnnxExporter.Export(model, onnx, [1, 3, Side, Side]));
        using var wrongWidth = nn.Sequential(("flatten", nn.Flatten()), ("fc", nn.Linear(10, 2)));
        var misfit = Assert.Throws<OnnxExportException>(() => SequentialOnnxExporter.Export(wrongWidth, onnx, [1, 3, Side, Side]));

        Assert.Contains("'features.drop' (Dropout)", error.Message, StringComparison.Ordinal);
        Assert.Contains("'fc'", misfit.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(onnx));
        Assert.Empty(Directory.GetFiles(folder)); // no temporary left behind either
    }

    /// <summary>
    /// Trains conv / ReLU / max-pool / conv / ReLU / avg-pool / global average / flatten / linear on the pixels; returns
    /// the classifier with a softmax on top (what is exported) and its probabilities in TorchSharp.
    /// </summary>
    private static (Sequential Classifier, float[][] Probabilities) Train(float[][] pixels, long[] labels)
    {
        random.manual_seed(3);
        var body = nn.Sequential(
            ("conv1", nn.Conv2d(3, 8, 3, padding: 1)),
            ("relu1", nn.ReLU()),
            ("pool1", nn.MaxPool2d(2)),
            ("conv2", nn.Conv2d(8, 8, 3, padding: 1)),
            ("relu2", nn.ReLU()),
            ("pool2", nn.AvgPool2d(2)),
            ("global", nn.AdaptiveAvgPool2d(1)),
            ("flatten", nn.Flatten()),
            ("fc", nn.Linear(8, 2)));
        using (var scope = NewDisposeScope())
        {
            Tensor x = tensor(pixels.SelectMany(p => p).ToArray(), [pixels.Length, 3, Side, Side]);
            Tensor y = tensor(labels);
            using var optimizer = optim.Adam(body.parameters(), lr: 0.02);
            for (int step = 0; step < 200; step++)
            {
                using var stepScope = NewDisposeScope();
                optimizer.zero_grad();
                nn.functional.cross_entropy(body.forward(x), y).backward();
                optimizer.step();
            }
        }

        var classifier = nn.Sequential(("classifier", body), ("softmax", nn.Softmax(1)));
        classifier.eval();
        using var noGrad = no_grad();
        using var outer = NewDisposeScope();
        Tensor input = tensor(pixels.SelectMany(p => p).ToArray(), [pixels.Length, 3, Side, Side]);
        float[] flat = classifier.forward(input).data<float>().ToArray();
        return (classifier, [.. Enumerable.Range(0, pixels.Length).Select(i => flat[(2 * i)..((2 * i) + 2)])]);
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
