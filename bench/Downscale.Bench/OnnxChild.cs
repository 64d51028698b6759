using System.Globalization;
using System.Text.Json;
using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.Onnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace Downscale.Bench;

/// <summary>
/// The hidden sub-command behind <see cref="OnnxSuite"/>: one ONNX Runtime measurement in a fresh process (so that its
/// peak RSS is its own and libtorch is never loaded). Prints one JSON object on its last stdout line with the keys of
/// <see cref="AdkNetChild"/>'s inference results.
/// </summary>
/// <remarks>
/// <c>Downscale.Bench onnx-child --model PATH --threads N --repeats R --optimization disabled|basic|extended|all|default [--size 1024]</c>
/// (or <c>--psnr PATH</c> for a model's mean Set5 PSNR, or <c>--profile PREFIX</c> for ONNX Runtime's per-operator profile):
/// one whole-image pass through <see cref="TiledInference.RunUntiled"/> over an <see cref="OnnxDownscaler"/>, the same
/// path as the TorchSharp child's <c>infer-untiled</c>, on the same seeded image.
/// </remarks>
internal static class OnnxChild
{
    /// <summary>The first command-line argument that selects this sub-command.</summary>
    public const string Verb = "onnx-child";

    /// <summary>Runs one measurement; <paramref name="args"/> follow the verb.</summary>
    public static int Run(string[] args)
    {
        if (Argument(args, "--int8") is { } folder)
        {
            // Builds the int8 QDQ flavour of --model into the folder (optionally only convs under --prefix) and prints its path.
            Console.WriteLine(OnnxFlavourBuilder.Int8(Argument(args, "--model")!, folder, 2, Argument(args, "--prefix")));
            return 0;
        }

        if (Argument(args, "--psnr") is { } scored)
        {
            // Quality only: the model's mean Set5 PSNR (used while trying flavours without a full timing run).
            var (psnr, error) = OnnxFlavourBuilder.Set5Psnr(scored, int.Parse(Argument(args, "--threads") ?? "2", CultureInfo.InvariantCulture));
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?> { ["psnr"] = psnr, ["error"] = error }));
            return 0;
        }

        string model = Argument(args, "--model") ?? throw new ArgumentException("--model is required.");
        int threads = int.Parse(Argument(args, "--threads") ?? "2", CultureInfo.InvariantCulture);
        int repeats = int.Parse(Argument(args, "--repeats") ?? "3", CultureInfo.InvariantCulture);
        int size = int.Parse(Argument(args, "--size") ?? "1024", CultureInfo.InvariantCulture);
        string level = Argument(args, "--optimization") ?? "all";
        var options = new OnnxScoringOptions { IntraOpThreads = threads, InterOpThreads = 1 };
        options = level switch
        {
            "default" => options with { GraphOptimization = DefaultLevel() },
            "disabled" => options with { GraphOptimization = GraphOptimizationLevel.ORT_DISABLE_ALL },
            "basic" => options with { GraphOptimization = GraphOptimizationLevel.ORT_ENABLE_BASIC },
            "extended" => options with { GraphOptimization = GraphOptimizationLevel.ORT_ENABLE_EXTENDED },
            "all" => options with { GraphOptimization = GraphOptimizationLevel.ORT_ENABLE_ALL },
            _ => throw new ArgumentException($"Unknown optimisation level '{level}'."),
        };

        if (Argument(args, "--profile") is { } profile)
        {
            return Profile(model, options, size, profile);
        }

        using OnnxDownscaler downscaler = OnnxDownscaler.Load(model, options);
        PlanarImage image = RandomImage(size);
        double ms = Timing.MedianMs(() => _ = TiledInference.RunUntiled(image, downscaler), repeats);
        var result = new Dictionary<string, object>
        {
            ["infer_ms"] = ms,
            ["optimization"] = options.GraphOptimization.ToString(),
            ["threads"] = threads,
            ["peak_rss_mib"] = Timing.PeakRssMiB(),
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>
    /// One profiled run (ONNX Runtime's own profiler): prints the total time per operator type and the ten slowest
    /// nodes, to see where the time goes. The profile's JSON is written under <paramref name="prefix"/>.
    /// </summary>
    private static int Profile(string model, OnnxScoringOptions options, int size, string prefix)
    {
        using SessionOptions sessionOptions = OnnxSessions.CreateSessionOptions(options);
        sessionOptions.ProfileOutputPathPrefix = prefix; // before enabling: enabling reads the prefix
        sessionOptions.EnableProfiling = true;
        using var session = new InferenceSession(model, sessionOptions);
        PlanarImage image = RandomImage(size);
        using OrtValue input = image.ToOrtValue();
        using var runOptions = new RunOptions();
        for (int run = 0; run < 2; run++)
        {
            using var outputs = session.Run(runOptions, [session.InputNames[0]], [input], [session.OutputNames[0]]);
        }

        string file = session.EndProfiling();
        using JsonDocument trace = JsonDocument.Parse(File.ReadAllText(file));
        var nodes = trace.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("cat").GetString() == "Node" && e.GetProperty("name").GetString()!.EndsWith("_kernel_time", StringComparison.Ordinal))
            .Select(e => (Name: e.GetProperty("name").GetString()![..^"_kernel_time".Length], Op: e.GetProperty("args").GetProperty("op_name").GetString()!, Us: e.GetProperty("dur").GetDouble() / 2))
            .GroupBy(n => n.Name)
            .Select(g => (g.Key, g.First().Op, Us: g.Sum(n => n.Us)))
            .ToList();
        double total = nodes.Sum(n => n.Us);
        Console.WriteLine($"profile {file}: {nodes.Count} nodes, {total / 1000:F0} ms per run");
        foreach (var op in nodes.GroupBy(n => n.Op).OrderByDescending(g => g.Sum(n => n.Us)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {op.Key,-24} {op.Sum(n => n.Us) / 1000,8:F1} ms {100 * op.Sum(n => n.Us) / total,5:F1}% ({op.Count()} nodes)"));
        }

        foreach (var node in nodes.OrderByDescending(n => n.Us).Take(10))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  slowest: {node.Key} ({node.Op}) {node.Us / 1000:F1} ms"));
        }

        return 0;
    }

    /// <summary>The level a fresh <see cref="SessionOptions"/> carries, i.e. ONNX Runtime's own default.</summary>
    public static GraphOptimizationLevel DefaultLevel()
    {
        using var fresh = new SessionOptions();
        return fresh.GraphOptimizationLevel;
    }

    /// <summary>The seeded 3 x size x size image in [0, 1) every child scores.</summary>
    public static PlanarImage RandomImage(int size)
    {
        var image = new PlanarImage(3, size, size);
        var random = new Random(0);
        Span<float> data = image.Data.Span;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle();
        }

        return image;
    }

    private static string? Argument(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
