using System.Globalization;
using System.Text.Json;

namespace Downscale.Bench;

/// <summary>
/// Issue 14's speed comparison: one RAW wavelet training step and one 1024x1024 mosaic inference at x2 and x1.3, the
/// TorchSharp model against the PyTorch reference (tools/reference/raw_wavelet.py in Debian's python3-torch, a child
/// process) and the ONNX export through ONNX Runtime, each in a fresh process for its own peak RSS.
/// </summary>
internal sealed class RawWaveletSuite : IBenchSuite
{
    private const int Rounds = 1;

    public string Name => "raw";

    public string Description => "RAW wavelet (improved, c 16, K 4) train step and 1024^2 mosaic inference at x2 and x1.3: TorchSharp vs PyTorch vs ONNX Runtime";

    public void Run(BenchOptions options)
    {
        foreach (string scale in new[] { "2", "13/10" })
        {
            string[] common = ["--threads", Invariant(options.Threads), "--repeats", Invariant(options.Repeats), "--scale", scale];
            var train = new (string Label, Func<JsonElement> Measure)[]
            {
                ("TorchSharp", () => SuiteRuns.Child(RawWaveletChild.Verb, ["train", .. common])),
                ("PyTorch (Debian)", () => PythonPeer.Run("raw_wavelet_peer.py", ["train", .. common])),
            };
            var infer = new (string Label, Func<JsonElement> Measure)[]
            {
                ("TorchSharp", () => SuiteRuns.Child(RawWaveletChild.Verb, ["infer-torch", .. common])),
                ("ONNX Runtime (our export)", () => SuiteRuns.Child(RawWaveletChild.Verb, ["infer-ort", .. common])),
                ("PyTorch (Debian)", () => PythonPeer.Run("raw_wavelet_peer.py", ["infer", .. common])),
            };

            List<JsonElement>[] trainResults = SuiteRuns.Alternate(train, Rounds);
            JsonElement first = trainResults[0][0];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"x{scale}: training step, batch 4, packed input {first.GetProperty("input_patch").GetInt32()}^2 -> LR {first.GetProperty("lr_patch").GetInt32()}^2, L_con + L_hwc + 0.1 L_em, Adam:"));
            Table(train, trainResults, "step_ms");

            List<JsonElement>[] inferResults = SuiteRuns.Alternate(infer, Rounds);
            Console.WriteLine();
            Console.WriteLine($"x{scale}: inference of a 1024x1024 mosaic on the protocol grid (model input {inferResults[0][0].GetProperty("model_input").GetString()} packed), eval, no grad:");
            Table(infer, inferResults, "infer_ms");
            Console.WriteLine();
        }

        Console.WriteLine($"Each cell: median over {Rounds} round(s) of a fresh process's median of {options.Repeats} after one warm-up; ratio = time / PyTorch's time.");
    }

    private static void Table((string Label, Func<JsonElement> Measure)[] sides, List<JsonElement>[] results, string key)
    {
        Console.WriteLine();
        Console.WriteLine("| side | ms | peak RSS MiB | time vs PyTorch | RSS vs PyTorch |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        double peerMs = SuiteRuns.Median(results[^1], key), peerRss = SuiteRuns.Median(results[^1], "peak_rss_mib");
        for (int i = 0; i < sides.Length; i++)
        {
            double ms = SuiteRuns.Median(results[i], key), rss = SuiteRuns.Median(results[i], "peak_rss_mib");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {sides[i].Label} | {ms:F0} | {rss:F0} | {ms / peerMs:F2} | {rss / peerRss:F2} |"));
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
