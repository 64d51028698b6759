using System.Globalization;
using System.Text.Json;

namespace Downscale.Bench;

/// <summary>
/// ADK-Net (x4, C = 64, k = 9) in TorchSharp against the same architecture in Debian's PyTorch
/// (<c>tools/reference/adknet.py</c>), same thread count, in one run with the sides alternating round by round:
/// a training step (batch 4, 192x192 HR, L1 loss, Adam) with our <c>MallocTuning</c> on and off, and whole-image
/// inference on 1024x1024 (untiled, and tiled through <c>TiledInference</c>) with each side's peak RSS. Every
/// measurement runs in its own process (<see cref="AdkNetChild"/> for ours), so peak RSS and malloc settings are its own.
/// </summary>
internal sealed class AdkNetSuite : IBenchSuite
{
    private const int Rounds = 2;

    public string Name => "adknet";

    public string Description => "ADK-Net x4 train step (4x192^2, L1+Adam) and 1024^2 inference: TorchSharp vs Debian's PyTorch";

    public void Run(BenchOptions options)
    {
        string[] common = ["--threads", Invariant(options.Threads), "--repeats", Invariant(options.Repeats)];
        var train = new (string Label, Func<JsonElement> Measure)[]
        {
            ("TorchSharp, MallocTuning on", () => SuiteRuns.Child(AdkNetChild.Verb, ["train", .. common, "--malloc", "on"])),
            ("TorchSharp, glibc defaults", () => SuiteRuns.Child(AdkNetChild.Verb, ["train", .. common, "--malloc", "off"])),
            ("PyTorch (Debian)", () => PythonPeer.Run("adknet_peer.py", ["train", .. common])),
        };
        var infer = new (string Label, Func<JsonElement> Measure)[]
        {
            ("TorchSharp, untiled", () => SuiteRuns.Child(AdkNetChild.Verb, ["infer-untiled", .. common])),
            ("TorchSharp, tiled", () => SuiteRuns.Child(AdkNetChild.Verb, ["infer-tiled", .. common])),
            ("PyTorch (Debian), eager", () => PythonPeer.Run("adknet_peer.py", ["infer", .. common])),
        };

        List<JsonElement>[] trainResults = SuiteRuns.Alternate(train, Rounds);
        Console.WriteLine("Training step, batch 4 x 3 x 192 x 192, x4, C = 64, k = 9, L1 + Adam (ms, median):");
        Console.WriteLine();
        Console.WriteLine("| side | step ms | forward+loss ms | backward ms | optimizer ms | peak RSS MiB | ratio vs PyTorch |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        double peerStep = SuiteRuns.Median(trainResults[^1], "step_ms");
        for (int i = 0; i < train.Length; i++)
        {
            double step = SuiteRuns.Median(trainResults[i], "step_ms");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {train[i].Label} | {step:F0} | {SuiteRuns.Median(trainResults[i], "forward_ms"):F0} | {SuiteRuns.Median(trainResults[i], "backward_ms"):F0} | {SuiteRuns.Median(trainResults[i], "optimizer_ms"):F0} | {SuiteRuns.Median(trainResults[i], "peak_rss_mib"):F0} | {step / peerStep:F2} |"));
        }

        List<JsonElement>[] inferResults = SuiteRuns.Alternate(infer, Rounds);
        JsonElement tiled = inferResults[1][0];
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Inference, 1 x 3 x 1024 x 1024 at x4, eval, no grad (tiled: halo {tiled.GetProperty("halo").GetInt32()} HR px, {tiled.GetProperty("tiles").GetInt32()} tiles of at most {tiled.GetProperty("max_padded_pixels").GetInt64()} padded px):"));
        Console.WriteLine();
        Console.WriteLine("| side | ms | peak RSS MiB | ratio vs PyTorch |");
        Console.WriteLine("|---|---:|---:|---:|");
        double peerInfer = SuiteRuns.Median(inferResults[^1], "infer_ms");
        for (int i = 0; i < infer.Length; i++)
        {
            double ms = SuiteRuns.Median(inferResults[i], "infer_ms");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {infer[i].Label} | {ms:F0} | {SuiteRuns.Median(inferResults[i], "peak_rss_mib"):F0} | {ms / peerInfer:F2} |"));
        }

        JsonElement peer = trainResults[^1][0];
        Console.WriteLine();
        Console.WriteLine($"PyTorch {peer.GetProperty("torch").GetString()} (intra-op {peer.GetProperty("threads").GetInt32()}, inter-op {peer.GetProperty("interop_threads").GetInt32()}) vs "
            + $"TorchSharp (intra-op {trainResults[0][0].GetProperty("threads").GetInt32()}, inter-op {trainResults[0][0].GetProperty("interop_threads").GetInt32()}); "
            + $"each cell: median over {Rounds} alternating rounds (order reversed every other round) of a fresh process's median of {options.Repeats} after one warm-up.");
    }

    /// <summary>Runs every measurement once per round, reversing the order every other round; returns each one's results.</summary>
    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
