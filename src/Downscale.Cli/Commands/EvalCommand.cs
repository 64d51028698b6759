using System.CommandLine;
using Downscale.Core.Data;
using Downscale.Core.Evaluation;
using Downscale.Core.Imaging;
using Downscale.Core.Resampling;
using Downscale.Models;
using Downscale.Torch.Inference;
using Downscale.Torch.Models.AdkNet;
using Spectre.Console;

namespace Downscale.Cli.Commands;

/// <summary>
/// <c>downscale eval</c> (alias <c>compare</c>): downscales every HR image of a paired set (the bundled Set5 by
/// default) with classic methods and trained ADK-Net models, and prints the paper-style table of mean PSNR/SSIM (RGB
/// and Y, border crop = scale) against the set's ground-truth LR images.
/// </summary>
internal static class EvalCommand
{
    private const int MaxGridRows = 8;

    public static Command Create()
    {
        var set = new Option<string?>("--set") { Description = "A set folder in the pairs-v1 layout (<set>/HR, <set>/LR_<protocol>_x<s>). Default: the bundled Set5 samples." };
        var protocol = new Option<string>("--protocol") { Description = "Ground truth: camsim (simulated optics) or bicubic (MATLAB).", DefaultValueFactory = _ => "camsim" };
        protocol.AcceptOnlyFromAmong("camsim", "bicubic");
        var scale = new Option<int>("--scale") { Description = "Integer scale.", DefaultValueFactory = _ => 4 };
        scale.AcceptOnlyFromAmong("2", "3", "4");
        var methods = new Option<string[]>("--methods") { Description = "Classic methods to compare (default: all, unless --models is given).", AllowMultipleArgumentsPerToken = true };
        var models = new Option<string[]>("--models") { Description = "ADK-Net weights (.safetensors) to score; each row is named by its file (a best.safetensors by its run folder).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out") { Description = "Also write each method's LR images to <out>/<method>/<name>.png." };
        var shipped = new Option<bool>("--shipped") { Description = "Also score the shipped ADK-Net for the scale (trained on SunHays80, camsim)." };
        var grid = new Option<string?>("--grid") { Description = "Also write a side-by-side PNG: one row per image (at most 8), ground truth first, then each method in table order." };
        var zoom = new Option<int>("--zoom") { Description = "Pixel-replication factor of the --grid cells.", DefaultValueFactory = _ => 2 };
        var json = new Option<string?>("--json") { Description = "Also write the scores (set, protocol, scale, mean and per image for each method) to this JSON file, atomically." };
        var command = new Command("eval", "Score classic methods and ADK-Net models on a paired set: the PSNR/SSIM table against its ground truth.")
        {
            set, protocol, scale, methods, models, shipped, output, grid, zoom, json,
        };
        command.Aliases.Add("compare");
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string folder = parse.GetValue(set) ?? Samples.Root;
            string proto = parse.GetValue(protocol)!;
            int s = parse.GetValue(scale);
            string? outFolder = parse.GetValue(output);
            string[] modelPaths = [.. parse.GetValue(models) ?? [], .. parse.GetValue(shipped) ? [ShippedModels.AdkNet(s)] : Array.Empty<string>()];
            string? gridPath = parse.GetValue(grid);
            string[] names = parse.GetValue(methods) is { Length: > 0 } chosen ? chosen
                : modelPaths.Length > 0 ? [] : ClassicDownscalers.All.Select(d => d.Name).ToArray();
            var downscalers = names
                .Select(name => (Name: name, Run: ClassicDownscalers.Get(name).Downscale(s)))
                .Concat(modelPaths.Select(path => (Name: ModelNames.Of(path), Run: ModelDownscaler(path, s))))
                .ToList();
            var pairs = PairsV1DataSet.Enumerate(folder, proto, s).Select(PairLoader.LoadWhole).ToList();
            var gridRows = pairs.Take(MaxGridRows).ToDictionary(pair => pair.Name, pair => new List<PlanarImage> { pair.Lr });

            var results = new List<SetScores>();
            AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn()).Start(context =>
            {
                var task = context.AddTask($"x{s} {proto}, {pairs.Count} images", maxValue: downscalers.Count);
                foreach (var downscaler in downscalers)
                {
                    results.Add(SetEvaluation.Score(downscaler.Name, pairs, (hr, _) => downscaler.Run(hr), (pair, lr) =>
                    {
                        if (outFolder != null)
                        {
                            ImageFile.WritePng(Path.Combine(outFolder, downscaler.Name, pair.Name + ".png"), lr);
                        }

                        if (gridPath != null && gridRows.TryGetValue(pair.Name, out var row))
                        {
                            row.Add(lr);
                        }
                    }));
                    task.Increment(1);
                }
            });

            string setName = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
            ScoreTable.Write($"{setName} x{s}, ground truth LR_{proto}_x{s}, border crop {s}", results);
            if (gridPath != null)
            {
                ImageFile.WritePng(gridPath, ComparisonGrid.Compose(gridRows.Values.ToList<IReadOnlyList<PlanarImage>>(), parse.GetValue(zoom)));
                AnsiConsole.MarkupLine($"Side by side: [bold]{Markup.Escape(gridPath)}[/] (columns: ground truth, {Markup.Escape(string.Join(", ", downscalers.Select(d => d.Name)))})");
            }

            if (parse.GetValue(json) is { } jsonPath)
            {
                ScoreTable.WriteJson(jsonPath, setName, proto, s, results);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Loads a model once; the returned function downscales whole images through tiled inference.</summary>
    private static Func<PlanarImage, PlanarImage> ModelDownscaler(string path, int scale)
    {
        // Loaded for the life of the command (a short-lived process); tensors are released at exit.
        AdkNet model = AdkNet.Load(path);
        if (model.Scale != scale)
        {
            model.Dispose();
            throw new ArgumentException($"The model '{path}' downscales by {model.Scale}, but the set is scored at x{scale}.");
        }

        return hr => AdkNetInference.Downscale(model, hr);
    }
}
