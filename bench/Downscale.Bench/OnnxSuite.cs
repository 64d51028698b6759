using System.Globalization;
using System.Text.Json;
using Downscale.Models;
using Downscale.Onnx.Runtime;

namespace Downscale.Bench;

/// <summary>
/// The shipped ADK-Net x4 on a 1024x1024 image, whole-image, in one run: ONNX Runtime with graph optimisations off,
/// basic and all (ONNX Runtime's default), its float16 and int8 QDQ flavours, TorchSharp eager and Debian's PyTorch
/// eager, all with the same intra-op threads. Each measurement runs in its own process (<see cref="OnnxChild"/>,
/// <see cref="AdkNetChild"/>, <c>bench/python/adknet_peer.py</c>) for its own peak RSS; sides alternate round by round.
/// The flavours' PSNR on the bundled Set5 (camsim x4 ground truth) is printed beside their speed.
/// </summary>
internal sealed class OnnxSuite : IBenchSuite
{
    private const int Rounds = 2;

    /// <summary>A faster flavour ships only if it loses less than this much PSNR.</summary>
    private const double MaxPsnrDrop = 0.05;

    public string Name => "onnx";

    public string Description => "ADK-Net x4 1024^2 inference: ONNX Runtime (opt levels, fp16, int8 QDQ) vs TorchSharp vs Debian's PyTorch";

    public void Run(BenchOptions options)
    {
        string fp32 = ShippedModels.AdkNetOnnx(4);
        string folder = Path.Combine(Path.GetTempPath(), "downscale-bench-onnx");
        Directory.CreateDirectory(folder);
        string threads = Invariant(options.Threads), repeats = Invariant(options.Repeats);
        var flavours = new List<(string Label, string Path)>
        {
            ("float32 (shipped)", fp32),
            ("float16", OnnxFlavourBuilder.Float16(fp32, folder)),
            ("int8 QDQ, every learned conv", OnnxFlavourBuilder.Int8(fp32, folder, options.Threads)),
            ("int8 QDQ, HR feature extractor only (shipped)", ShippedModels.AdkNetOnnx(4, quantized: true)),
        };
        var quality = flavours.Select(f => (f.Label, f.Path, Result: OnnxFlavourBuilder.Set5Psnr(f.Path, options.Threads))).ToList();

        JsonElement Ort(string model, string level) => SuiteRuns.Child(OnnxChild.Verb, "--model", model, "--optimization", level, "--threads", threads, "--repeats", repeats);
        var sides = new List<(string Label, Func<JsonElement> Measure)>
        {
            ("ORT, optimisations off", () => Ort(fp32, "disabled")),
            ("ORT, basic optimisations", () => Ort(fp32, "basic")),
            ($"ORT, all optimisations (ORT's default: {OnnxChild.DefaultLevel()})", () => Ort(fp32, "all")),
        };
        sides.AddRange(quality.Where(q => q.Result.Psnr is not null && q.Path != fp32)
            .Select(q => ($"ORT {q.Label}, all optimisations", (Func<JsonElement>)(() => Ort(q.Path, "all")))));
        sides.Add(("TorchSharp eager", () => SuiteRuns.Child(AdkNetChild.Verb, "infer-untiled", "--threads", threads, "--repeats", repeats)));
        sides.Add(("PyTorch (Debian) eager", () => PythonPeer.Run("adknet_peer.py", "infer", "--threads", threads, "--repeats", repeats)));

        List<JsonElement>[] results = [.. sides.Select(_ => new List<JsonElement>())];
        for (int round = 0; round < Rounds; round++)
        {
            for (int k = 0; k < sides.Count; k++)
            {
                int i = round % 2 == 0 ? k : sides.Count - 1 - k;
                results[i].Add(sides[i].Measure());
            }
        }

        Console.WriteLine("Inference, 1 x 3 x 1024 x 1024 at x4 (C = 64, k = 9), whole image, one pass:");
        Console.WriteLine();
        Console.WriteLine("| side | ms | peak RSS MiB | ratio vs PyTorch |");
        Console.WriteLine("|---|---:|---:|---:|");
        double peer = SuiteRuns.Median(results[^1], "infer_ms");
        for (int i = 0; i < sides.Count; i++)
        {
            double ms = SuiteRuns.Median(results[i], "infer_ms");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {sides[i].Label} | {ms:F0} | {SuiteRuns.Median(results[i], "peak_rss_mib"):F0} | {ms / peer:F2} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"Flavours: mean RGB PSNR on the bundled Set5 against camsim x4 (border 4); a flavour ships only if it is faster and loses < {MaxPsnrDrop} dB:");
        Console.WriteLine();
        Console.WriteLine("| flavour | PSNR dB | change dB | ms | ships |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        double reference = quality[0].Result.Psnr ?? double.NaN;
        double referenceMs = SuiteRuns.Median(results[2], "infer_ms");
        foreach (var (label, path, (psnr, error)) in quality)
        {
            int side = sides.FindIndex(s => s.Label.Contains(label, StringComparison.Ordinal));
            double ms = path == fp32 ? referenceMs : side >= 0 ? SuiteRuns.Median(results[side], "infer_ms") : double.NaN;
            string ships = path == fp32 ? "yes (reference)"
                : path == ShippedModels.AdkNetOnnx(4, quantized: true) ? "yes (adknet-x4-camsim-int8.onnx)"
                : psnr is null ? "no: " + (error ?? "?")[..Math.Min(160, (error ?? "?").Length)]
                : reference - psnr.Value < MaxPsnrDrop && ms < referenceMs ? "candidate" : "no";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {psnr:F3} | {psnr - reference:+0.000;-0.000;0.000} | {ms:F0} | {ships} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"Intra-op threads {options.Threads} everywhere (ORT inter-op 1); each cell: median over {Rounds} alternating rounds of a fresh process's median of {options.Repeats} after one warm-up. "
            + $"ORT runs the shipped weights; TorchSharp and PyTorch run seeded random weights of the same architecture (same work).");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
