using System.CommandLine;
using System.Globalization;
using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Downscale.Core.Resampling;
using Downscale.Core.Tiling;
using Downscale.Onnx.Runtime;
using Downscale.Torch.Inference;
using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Models.RawWavelet;
using Spectre.Console;

namespace Downscale.Cli.Commands;

/// <summary>
/// <c>downscale run</c>: downscales a file or every PNG/JPEG of a folder with a classic method (any scale, 1.3
/// included), a trained ADK-Net model through TorchSharp (<c>--model</c>), or an exported ONNX model through ONNX
/// Runtime (<c>--onnx</c>, which never loads libtorch); models run at their own integer scale, tiled within a memory
/// budget. Camera RAW files (DNG and others LibRaw reads) and protocol RAW PNGs go through <see cref="RawRun"/> at
/// a rational scale. PNGs are written atomically.
/// </summary>
internal static class RunCommand
{
    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg"];

    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "An image file, or a folder whose PNG/JPEG files are all downscaled." };
        var output = new Option<string?>("--out") { Description = "Output folder (default: <input>_x<scale> beside the input)." };
        var method = new Option<string?>("--method") { Description = $"Classic method: {string.Join(", ", ClassicDownscalers.All.Select(d => d.Name))}; for RAW input a RAW baseline: {string.Join(", ", RawOptions.Baselines.Keys)}." };
        var model = new Option<string?>("--model") { Description = "ADK-Net weights (.safetensors written by `downscale train`) or, for RAW input, RAW wavelet weights (`downscale raw train`), scored by TorchSharp." };
        var onnx = new Option<string?>("--onnx") { Description = "An ONNX downscaler (written by `downscale export`): ADK-Net, or for RAW input a RAW wavelet model; scored by ONNX Runtime." };
        var threads = new Option<int>("--threads") { Description = "--onnx only: ONNX Runtime's intra-op threads (0: one per core).", DefaultValueFactory = _ => 0 };
        var scale = new Option<double?>("--scale") { Description = "Downscaling factor (classic methods and RAW baselines: any factor above 1, e.g. 1.3; models: their own scale, the default)." };
        var sizePolicy = new Option<SizePolicy>("--size-policy") { Description = "Models only: what to do when the scale does not divide the image size (Fail, Crop, ReflectPad).", DefaultValueFactory = _ => SizePolicy.Fail };
        var memory = new Option<int>("--memory-mb") { Description = "Models only: working-memory budget of the tiled inference, in MiB.", DefaultValueFactory = _ => 512 };
        var command = new Command("run", "Downscale an image or a folder with a classic method or an ADK-Net model; camera RAW files with a RAW wavelet model (weights or ONNX) or a RAW baseline.")
        {
            input, output, method, model, onnx, threads, scale, sizePolicy, memory,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string source = parse.GetValue(input)!;
            string? methodName = parse.GetValue(method);
            string? modelPath = parse.GetValue(model);
            string? onnxPath = parse.GetValue(onnx);
            if (new[] { methodName, modelPath, onnxPath }.Count(value => value is not null) != 1)
            {
                throw new ArgumentException("Give exactly one of --method, --model or --onnx.");
            }

            List<string> files = InputFiles(source);
            if (files.Any(RawRun.IsRawInput))
            {
                return RunRaw(files, source, methodName, modelPath, onnxPath, parse.GetValue(scale), parse.GetValue(output));
            }

            using AdkNet? adkNet = modelPath is null ? null : AdkNet.Load(modelPath);
            using OnnxDownscaler? onnxModel = onnxPath is null ? null : OnnxDownscaler.Load(onnxPath, new OnnxScoringOptions { IntraOpThreads = parse.GetValue(threads) });
            int? modelScale = adkNet?.Scale ?? onnxModel?.Scale;
            double factor = parse.GetValue(scale) ?? modelScale ?? throw new ArgumentException("--scale is required with --method.");
            if (modelScale is int own && factor != own)
            {
                throw new ArgumentException($"The model '{modelPath ?? onnxPath}' downscales by {own}, not {factor}.");
            }

            if (!(factor > 1))
            {
                throw new ArgumentException($"The scale must be above 1 (got {factor}).");
            }

            var tiling = new TilingOptions { SizePolicy = parse.GetValue(sizePolicy), MemoryBudgetBytes = parse.GetValue(memory) * (1L << 20) };
            Func<PlanarImage, PlanarImage> downscale =
                onnxModel is not null ? hr => onnxModel.Downscale(hr, tiling)
                : adkNet is not null ? hr => AdkNetInference.Downscale(adkNet, hr, tiling)
                : ClassicDownscalers.Get(methodName!).Downscale(factor);

            string folder = parse.GetValue(output) ?? DefaultFolder(source, factor);
            ForEachFile(files, folder, file => ImageFile.WritePng(Path.Combine(folder, Path.GetFileNameWithoutExtension(file) + ".png"), downscale(ImageFile.Read(file))));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// Camera RAW files or protocol RAW PNGs: each becomes a 16-bit LR mosaic PNG with its sidecar and an sRGB preview
    /// (<see cref="RawRun"/>), at a rational scale, with a RAW wavelet model or a RAW-domain baseline.
    /// </summary>
    private static int RunRaw(List<string> files, string source, string? method, string? modelPath, string? onnxPath, double? factor, string? output)
    {
        if (files.FirstOrDefault(file => !RawRun.IsRawInput(file)) is { } other)
        {
            throw new ArgumentException($"'{source}' mixes camera RAW files with ordinary images ('{Path.GetFileName(other)}'); run them separately.");
        }

        var owned = new List<IDisposable>();
        try
        {
            var (downscale, scale) = RawRun.Downscaler(modelPath, onnxPath, method, factor, owned);
            string folder = output ?? DefaultFolder(source, scale.Factor);
            ForEachFile(files, folder, file => RawRun.Write(folder, Path.GetFileNameWithoutExtension(file), downscale(RawRun.Read(file))));
            AnsiConsole.MarkupLine($"Each LR frame: <name>.png (16-bit CFA mosaic) + <name>.png.json (sidecar) + <name>.preview.png (sRGB, fixed ISP)");
            return ExitCodes.Success;
        }
        finally
        {
            owned.ForEach(item => item.Dispose());
        }
    }

    private static string DefaultFolder(string source, double factor) =>
        $"{Path.TrimEndingDirectorySeparator(Directory.Exists(source) ? source : Path.ChangeExtension(source, null))}_x{factor.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Runs <paramref name="each"/> on every file with a progress bar, then reports the output folder.</summary>
    private static void ForEachFile(List<string> files, string folder, Action<string> each)
    {
        AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn()).Start(context =>
        {
            var task = context.AddTask($"{files.Count} image(s) -> {folder}", maxValue: files.Count);
            foreach (string file in files)
            {
                each(file);
                task.Increment(1);
            }
        });
        AnsiConsole.MarkupLine($"Wrote {files.Count} image(s) to [bold]{Markup.Escape(folder)}[/]");
    }

    private static List<string> InputFiles(string source)
    {
        if (File.Exists(source))
        {
            return [source];
        }

        if (!Directory.Exists(source))
        {
            throw new FileNotFoundException($"'{source}' is neither a file nor a folder.", source);
        }

        var files = Directory.EnumerateFiles(source)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase) || RawRun.IsRawInput(f))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : throw new FileNotFoundException($"The folder '{source}' holds no PNG, JPEG or camera RAW file.", source);
    }
}
