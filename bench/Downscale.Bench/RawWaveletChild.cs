using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Downscale.Onnx.Runtime;
using Downscale.Torch.Export;
using Downscale.Torch.Models.RawWavelet;
using Downscale.Torch.Native;
using Downscale.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Bench;

/// <summary>
/// One RAW wavelet measurement in a fresh process (RawWaveletSuite runs it for its own peak RSS): a training step of
/// the TorchSharp model (the RAW objective, Adam), or one 1024x1024 mosaic downscaled on the protocol's grid by the
/// TorchSharp model or by its ONNX export through ONNX Runtime. The model is the improved configuration at the default
/// width and depth (c = 16, K = 4, separable merge, bilinear base), PyTorch's default initialisation, seed 0.
/// </summary>
internal static class RawWaveletChild
{
    public const string Verb = "raw-child";

    public static int Run(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : string.Empty;
        var options = new Dictionary<string, string>(StringComparer.Ordinal) { ["--threads"] = "2", ["--repeats"] = "3", ["--scale"] = "2", ["--size"] = "1024", ["--batch"] = "4" };
        for (int i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        int threads = int.Parse(options["--threads"], CultureInfo.InvariantCulture), repeats = int.Parse(options["--repeats"], CultureInfo.InvariantCulture);
        RationalScale scale = RationalScale.Parse(options["--scale"]);
        TorchNative.EnsureLoaded();
        torch.set_num_threads(threads);
        torch.manual_seed(0);
        using var model = new RawWaveletNet(RawWaveletOptions.Improved(scale));
        Dictionary<string, object> result = mode switch
        {
            "train" => Train(model, int.Parse(options["--batch"], CultureInfo.InvariantCulture), repeats),
            "infer-torch" => InferTorch(model, Frame(int.Parse(options["--size"], CultureInfo.InvariantCulture)), repeats),
            "infer-ort" => InferOrt(model, Frame(int.Parse(options["--size"], CultureInfo.InvariantCulture)), threads, repeats),
            _ => throw new ArgumentException($"Unknown mode '{mode}' (train, infer-torch, infer-ort)."),
        };
        result["mode"] = mode;
        result["threads"] = torch.get_num_threads();
        result["peak_rss_mib"] = Timing.PeakRssMiB();
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>The packed LR patch side of a training sample: the smallest multiple of 2^K·n of at least 64 (64 at x2, 160 at x1.3).</summary>
    public static int LrPatch(RationalScale scale)
    {
        int block = (1 << RawWaveletOptions.Defaults.Levels) * scale.Output;
        return (64 + block - 1) / block * block;
    }

    private static Dictionary<string, object> Train(RawWaveletNet model, int batchSize, int repeats)
    {
        RationalScale scale = model.Scale;
        int lr = LrPatch(scale), input = lr / scale.Output * scale.Input;
        model.train();
        using var generator = new Generator(0);
        using Tensor hr = rand([batchSize, 4, input, input], generator: generator);
        using Tensor target = rand([batchSize, 4, lr, lr], generator: generator);
        using var adam = optim.Adam(model.parameters(), 1e-4);
        var objective = new RawWaveletObjective();
        var batch = new TrainingBatch(hr, target, hr);
        var steps = new List<double>();
        for (int index = 0; index <= Math.Max(1, repeats); index++)
        {
            // The Trainer's sequence: zero_grad, loss, item, backward, step, in one dispose scope.
            using var scope = NewDisposeScope();
            long start = Stopwatch.GetTimestamp();
            adam.zero_grad();
            Tensor loss = objective.Loss(model, batch);
            _ = loss.item<float>();
            loss.backward();
            adam.step();
            if (index > 0)
            {
                steps.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        steps.Sort();
        return new Dictionary<string, object> { ["step_ms"] = steps[steps.Count / 2], ["lr_patch"] = lr, ["input_patch"] = input };
    }

    private static Dictionary<string, object> InferTorch(RawWaveletNet model, RawFrame hr, int repeats)
    {
        model.eval();
        double ms = Timing.MedianMs(() => _ = model.Downscale(hr), repeats);
        return new Dictionary<string, object> { ["infer_ms"] = ms, ["model_input"] = model.Grid.InputSize(model.Grid.Plan(hr)).ToString() };
    }

    private static Dictionary<string, object> InferOrt(RawWaveletNet model, RawFrame hr, int threads, int repeats)
    {
        byte[] bytes = RawWaveletOnnxExporter.Serialize(model);
        using var onnx = RawOnnxDownscaler.FromBytes(bytes, "raw.onnx", new OnnxScoringOptions { IntraOpThreads = threads, InterOpThreads = 1 });
        double ms = Timing.MedianMs(() => _ = onnx.Downscale(hr), repeats);
        return new Dictionary<string, object> { ["infer_ms"] = ms, ["onnx_kib"] = bytes.Length / 1024 };
    }

    /// <summary>A seeded random RGGB mosaic of side <paramref name="size"/> (values in [0, 1]).</summary>
    private static RawFrame Frame(int size)
    {
        var mosaic = new PlanarImage(1, size, size);
        var random = new Random(0);
        Span<float> data = mosaic.Data.Span;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle();
        }

        return new RawFrame(mosaic, CfaPattern.Rggb, new RawMetadata());
    }
}
