using System.CommandLine;
using Downscale.Plotting;
using Downscale.Torch.Training;
using Spectre.Console;

namespace Downscale.Cli.Commands;

/// <summary>
/// <c>downscale plot</c>: draws a run's loss and validation-PSNR curves (<c>curves.png</c>) from its <c>log.jsonl</c>,
/// for runs trained outside the CLI (the library's trainer, the ML.NET trainer estimator) or still in progress.
/// </summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "The run folder (holds log.jsonl)." };
        var output = new Option<string?>("--out") { Description = "The PNG to write (default: <run>/curves.png)." };
        var command = new Command("plot", "Draw a training run's loss and validation PSNR curves as a PNG.") { run, output };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string folder = parse.GetValue(run)!;
            string png = parse.GetValue(output) ?? Path.Combine(folder, TrainingCurvesPlot.FileName);
            TrainingCurvesPlot.Save(Path.Combine(folder, TrainerOptions.LogFileName), png, Path.GetFileName(Path.GetFullPath(folder)));
            AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(png)}[/]");
            return ExitCodes.Success;
        }));
        return command;
    }
}
