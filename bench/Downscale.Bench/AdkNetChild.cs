using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.Torch.Inference;
using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Native;
using Downscale.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Bench;

/// <summary>
/// The hidden sub-command behind <see cref="AdkNetSuite"/>: one measurement of our ADK-Net in a fresh process, so that
/// its peak RSS (VmHWM) and its glibc malloc settings are its own. Prints one JSON object on its last stdout line,
/// like the Python peer (<c>bench/python/adknet_peer.py</c>), with the same keys.
/// </summary>
/// <remarks>
/// <c>Downscale.Bench adknet-child MODE --threads N --repeats R [--malloc on|off] [--batch B --patch P --scale S --size Z]</c>,
/// MODE = <c>train</c> (one Adam step on the L1 objective, the sequence of <c>Trainer</c>'s step), <c>infer-untiled</c>
/// or <c>infer-tiled</c> (through <see cref="TiledInference"/> and <see cref="TorchTileDownscaler"/>).
/// </remarks>
internal static class AdkNetChild
{
    /// <summary>The first command-line argument that selects this sub-command.</summary>
    public const string Verb = "adknet-child";

    /// <summary>Working memory per HR pixel of a tile for C = 64: about six 64-plane float activations live at once.</summary>
    public const long BytesPerHrPixel = 6 * 64 * sizeof(float);

    /// <summary>Runs one measurement; <paramref name="args"/> follow the verb.</summary>
    public static int Run(string[] args)
    {
        var options = Parse(args);
        TorchNative.EnsureLoaded();
        string malloc = options.Malloc ? MallocTuning.Apply().Detail : "glibc defaults";
        torch.set_num_threads(options.Threads);
        Dictionary<string, object> result = options.Mode switch
        {
            "train" => Train(options),
            "infer-untiled" => Infer(options, tiled: false),
            "infer-tiled" => Infer(options, tiled: true),
            _ => throw new ArgumentException($"Unknown mode '{options.Mode}' (train, infer-untiled, infer-tiled)."),
        };
        result["mode"] = options.Mode;
        result["threads"] = torch.get_num_threads();
        result["interop_threads"] = torch.get_num_interop_threads();
        result["malloc"] = malloc;
        result["peak_rss_mib"] = Timing.PeakRssMiB();
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static Dictionary<string, object> Train(ChildOptions options)
    {
        torch.manual_seed(0);
        using var model = new AdkNet(options.Scale);
        model.train();
        using var generator = new Generator(0);
        using Tensor hr = rand([options.Batch, 3, options.Patch, options.Patch], generator: generator);
        using Tensor lr = nn.functional.avg_pool2d(hr, options.Scale);
        using var adam = optim.Adam(model.parameters(), 1e-4);
        using var objective = DownscalingObjective.L1();
        // ADKBENCH_VARIANT=channels_last: NHWC input and conv weights. Kept to rerun the speed investigation's experiment:
        // here it made the forward about 30% faster and the backward about 60% slower (libtorch 2.10, AVX2), a net loss.
        bool channelsLast = Environment.GetEnvironmentVariable("ADKBENCH_VARIANT") == "channels_last";
        Tensor input = channelsLast ? ChannelsLast(hr) : hr;
        if (channelsLast)
        {
            using var noGrad = no_grad();
            foreach (var p in model.parameters().Where(p => p.dim() == 4))
            {
                p.set_(ChannelsLast(p));
            }
        }

        var batch = new TrainingBatch(input, lr, hr);
        var parts = new Dictionary<string, List<double>> { ["step"] = [], ["forward"] = [], ["backward"] = [], ["optimizer"] = [] };
        for (int index = 0; index <= Math.Max(1, options.Repeats); index++)
        {
            // The same sequence as Trainer's step: zero_grad, loss, item, backward, step, all in one dispose scope.
            using var scope = NewDisposeScope();
            long t0 = Stopwatch.GetTimestamp();
            adam.zero_grad();
            Tensor loss = objective.Loss(model, batch);
            _ = loss.item<float>();
            long t1 = Stopwatch.GetTimestamp();
            loss.backward();
            long t2 = Stopwatch.GetTimestamp();
            adam.step();
            long t3 = Stopwatch.GetTimestamp();
            if (index > 0)
            {
                parts["step"].Add(Ms(t0, t3));
                parts["forward"].Add(Ms(t0, t1));
                parts["backward"].Add(Ms(t1, t2));
                parts["optimizer"].Add(Ms(t2, t3));
            }
        }

        return parts.ToDictionary(p => p.Key + "_ms", p => (object)Median(p.Value));
    }

    private static Dictionary<string, object> Infer(ChildOptions options, bool tiled)
    {
        torch.manual_seed(0);
        using var model = new AdkNet(options.Scale);
        int halo = (model.ReceptiveFieldRadius + options.Scale - 1) / options.Scale * options.Scale;
        var downscaler = new CountingTileDownscaler(new TorchTileDownscaler(model, options.Scale, halo, BytesPerHrPixel));
        var image = new PlanarImage(3, options.Size, options.Size);
        var random = new Random(0);
        Span<float> data = image.Data.Span;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle();
        }

        var tiling = new TilingOptions();
        double ms = Timing.MedianMs(() => _ = tiled ? TiledInference.Run(image, downscaler, tiling) : TiledInference.RunUntiled(image, downscaler, tiling), options.Repeats);
        return new Dictionary<string, object>
        {
            ["infer_ms"] = ms,
            ["halo"] = halo,
            ["tiles"] = downscaler.Calls / (Math.Max(1, options.Repeats) + 1),
            ["max_padded_pixels"] = downscaler.MaxPixels,
        };
    }

    /// <summary>Counts the tiles and records the largest one, to print the grid the tiler chose.</summary>
    private sealed class CountingTileDownscaler(ITileDownscaler inner) : ITileDownscaler
    {
        public int Calls { get; private set; }

        public long MaxPixels { get; private set; }

        public int Scale => inner.Scale;

        public int HaloHr => inner.HaloHr;

        public long BytesPerHrPixel => inner.BytesPerHrPixel;

        public PlanarImage Run(PlanarImage hrTile)
        {
            Calls++;
            MaxPixels = Math.Max(MaxPixels, (long)hrTile.Height * hrTile.Width);
            return inner.Run(hrTile);
        }
    }

    /// <summary>The same values with NHWC strides (PyTorch's channels_last), made by permuting.</summary>
    private static Tensor ChannelsLast(Tensor t) => t.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }

    private static ChildOptions Parse(string[] args)
    {
        var options = new ChildOptions { Mode = args.Length > 0 ? args[0] : "" };
        for (int i = 1; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            int number = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : -1;
            options = args[i] switch
            {
                "--threads" => options with { Threads = number },
                "--repeats" => options with { Repeats = number },
                "--batch" => options with { Batch = number },
                "--patch" => options with { Patch = number },
                "--scale" => options with { Scale = number },
                "--size" => options with { Size = number },
                "--malloc" => options with { Malloc = value == "on" },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
            i++;
        }

        return options;
    }

    private sealed record ChildOptions
    {
        public string Mode { get; init; } = "";

        public int Threads { get; init; } = 2;

        public int Repeats { get; init; } = 3;

        public int Batch { get; init; } = 4;

        public int Patch { get; init; } = 192;

        public int Scale { get; init; } = 4;

        public int Size { get; init; } = 1024;

        public bool Malloc { get; init; }
    }
}
