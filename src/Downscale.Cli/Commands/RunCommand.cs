using System.CommandLine;
using System.Globalization;
using Downscale.Core.Imaging;
using Downscale.Core.Resampling;
using Downscale.Core.Tiling;
using Downscale.Onnx.Runtime;
using Downscale.Torch.Inference;
using Downscale.Torch.Models.AdkNet;
using Spectre.Console;

namespace Downscale.Cli.Commands;

/// <summary>
/// <c>downscale run</c>: downscales a file or every PNG/JPEG of a folder with a classic method (any scale, 1.3
/// included), a trained ADK-Net model through TorchSharp (<c>--model</c>), or an exported ONNX model through ONNX
/// Runtime (<c>--onnx</c>, which never loads libtorch); models run at their own integer scale, tiled within a memory
/// budget. PNGs are written atomically.
/// </summary>
internal static class RunCommand
{
    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg"];

    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "An image file, or a folder whose PNG/JPEG files are all downscaled." };
        var output = new Option<string?>("--out") { Description = "Output folder (default: <input>_x<scale> beside the input)." };
        var method = new Option<string?>("--method") { Description = $"Classic method: {string.Join(", ", ClassicDownscalers.All.Select(d => d.Name))}." };
        var model = new Option<string?>("--model") { Description = "ADK-Net weights (.safetensors written by `downscale train`), scored by TorchSharp." };
        var onnx = new Option<string?>("--onnx") { Description = "An ONNX downscaler (written by `downscale export`), scored by ONNX Runtime." };
        var threads = new Option<int>("--threads") { Description = "--onnx only: ONNX Runtime's intra-op threads (0: one per core).", DefaultValueFactory = _ => 0 };
        var scale = new Option<double?>("--scale") { Description = "Downscaling factor (classic methods: any factor above 1, e.g. 1.3; models: their own scale, the default)." };
        var sizePolicy = new Option<SizePolicy>("--size-policy") { Description = "Models only: what to do when the scale does not divide the image size (Fail, Crop, ReflectPad).", DefaultValueFactory = _ => SizePolicy.Fail };
        var memory = new Option<int>("--memory-mb") { Description = "Models only: working-memory budget of the tiled inference, in MiB.", DefaultValueFactory = _ => 512 };
        var command = new Command("run", "Downscale an image or a folder with a classic method or an ADK-Net model.")
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

            string folder = parse.GetValue(output)
                ?? $"{Path.TrimEndingDirectorySeparator(Directory.Exists(source) ? source : Path.ChangeExtension(source, null))}_x{factor.ToString(CultureInfo.InvariantCulture)}";

            AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn()).Start(context =>
            {
                var task = context.AddTask($"{files.Count} image(s) -> {folder}", maxValue: files.Count);
                foreach (string file in files)
                {
                    PlanarImage lr = downscale(ImageFile.Read(file));
                    ImageFile.WritePng(Path.Combine(folder, Path.GetFileNameWithoutExtension(file) + ".png"), lr);
                    task.Increment(1);
                }
            });
            AnsiConsole.MarkupLine($"Wrote {files.Count} image(s) to [bold]{Markup.Escape(folder)}[/]");
            return ExitCodes.Success;
        }));
        return command;
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
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : throw new FileNotFoundException($"The folder '{source}' holds no PNG or JPEG file.", source);
    }
}
