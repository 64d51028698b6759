using Downscale.Plotting;
using Downscale.Torch.Training;
using Spectre.Console;

namespace Downscale.Cli;

/// <summary>
/// Runs a configured <see cref="Trainer"/> from a <c>train</c> verb: Ctrl-C finishes the current step and saves a
/// checkpoint, progress goes to the console and <c>curves.png</c>, and the outcome becomes an exit code.
/// </summary>
internal static class TrainingRun
{
    /// <summary>Prints <paramref name="header"/>, trains, and reports the best validation and the run folder.</summary>
    /// <returns><see cref="ExitCodes.Success"/>, or <see cref="ExitCodes.Interrupted"/> after Ctrl-C.</returns>
    public static int Execute(Trainer trainer, string runFolder, string header)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // finish the step and checkpoint instead of dying mid-write
            cancellation.Cancel();
            Console.Error.WriteLine("Interrupted: finishing the current step and saving a checkpoint...");
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            AnsiConsole.MarkupLine(Markup.Escape(header));
            var progress = new TrainingCurvesPlotter(runFolder, new TrainingProgressRenderer(AnsiConsole.Console));
            TrainingResult result = trainer.Run(progress, cancellation.Token);
            progress.Draw();
            string best = result.BestValidation is { } bestValidation ? $"{bestValidation.Psnr:F2} dB" : "not validated yet";
            AnsiConsole.MarkupLine($"{result.Status} at step {result.Step}; best validation PSNR {best}");
            AnsiConsole.MarkupLine($"Run folder: [bold]{Markup.Escape(runFolder)}[/] (curves in {TrainingCurvesPlot.FileName})");
            return result.Status == TrainingStatus.Interrupted ? ExitCodes.Interrupted : ExitCodes.Success;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
