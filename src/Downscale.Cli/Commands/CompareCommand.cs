using System.CommandLine;
using Downscale.Core.Data;
using Downscale.Core.Evaluation;
using Downscale.Core.Imaging;
using Downscale.Core.Resampling;
using Spectre.Console;

namespace Downscale.Cli.Commands;

/// <summary>
/// <c>downscale compare</c>: downscales every HR image of a paired set (the bundled Set5 by default) with each classic
/// method and prints the mean PSNR/SSIM (RGB and Y, border crop = scale) against the set's ground-truth LR images.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var set = new Option<string?>("--set") { Description = "A set folder in the pairs-v1 layout (<set>/HR, <set>/LR_<protocol>_x<s>). Default: the bundled Set5 samples." };
        var protocol = new Option<string>("--protocol") { Description = "Ground truth: camsim (simulated optics) or bicubic (MATLAB).", DefaultValueFactory = _ => "camsim" };
        protocol.AcceptOnlyFromAmong("camsim", "bicubic");
        var scale = new Option<int>("--scale") { Description = "Integer scale.", DefaultValueFactory = _ => 4 };
        scale.AcceptOnlyFromAmong("2", "3", "4");
        var methods = new Option<string[]>("--methods") { Description = "Classic methods to compare (default: all).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out") { Description = "Also write each method's LR images to <out>/<method>/<name>.png." };
        var command = new Command("compare", "Downscale a paired set with every classic method and print a PSNR/SSIM table against its ground truth.")
        {
            set, protocol, scale, methods, output,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string folder = parse.GetValue(set) ?? Samples.Root;
            string proto = parse.GetValue(protocol)!;
            int s = parse.GetValue(scale);
            string? outFolder = parse.GetValue(output);
            string[] names = parse.GetValue(methods) is { Length: > 0 } chosen ? chosen : ClassicDownscalers.All.Select(d => d.Name).ToArray();
            var downscalers = names.Select(ClassicDownscalers.Get).ToList();
            var pairs = PairsV1DataSet.Enumerate(folder, proto, s).Select(PairLoader.LoadWhole).ToList();

            var results = new List<SetScores>();
            AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn()).Start(context =>
            {
                var task = context.AddTask($"x{s} {proto}, {pairs.Count} images", maxValue: downscalers.Count);
                foreach (ClassicDownscaler downscaler in downscalers)
                {
                    results.Add(SetEvaluation.Score(downscaler.Name, pairs, (hr, k) => downscaler.Downscale(hr, k), (pair, lr) =>
                    {
                        if (outFolder != null)
                        {
                            ImageFile.WritePng(Path.Combine(outFolder, downscaler.Name, pair.Name + ".png"), lr);
                        }
                    }));
                    task.Increment(1);
                }
            });

            ScoreTable.Write($"{Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))} x{s}, ground truth LR_{proto}_x{s}, border crop {s}", results);
            return ExitCodes.Success;
        }));
        return command;
    }
}
