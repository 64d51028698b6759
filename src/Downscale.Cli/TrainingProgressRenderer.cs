using System.Globalization;
using Downscale.Torch.Training;
using Spectre.Console;

namespace Downscale.Cli;

/// <summary>
/// Prints a trainer's progress with Spectre.Console: one line every <c>every</c> steps (step, epoch, loss, smoothed loss,
/// rate, steps per second, ETA) and one per validation and checkpoint. Plain lines of at most 80 columns rather than a
/// live display, so the output reads the same in a terminal, a log file and a notebook.
/// </summary>
/// <remarks>
/// It lives in the CLI, not in Downscale.Torch, so that library users do not get Spectre.Console with the trainer;
/// they can print <see cref="TrainingProgress.ToString"/> or render the record themselves.
/// </remarks>
internal sealed class TrainingProgressRenderer(IAnsiConsole console, int every = 1) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Event)
        {
            case TrainingEvent.Step when value.Step % every == 0 || value.Step == value.TotalSteps:
                string eta = value.Eta is { } t ? t.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--";
                console.MarkupLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"step {value.Step}/{value.TotalSteps} ep {value.Epoch:F2} L1 {value.Loss:F5} [grey]avg {value.SmoothedLoss:F5} " +
                    $"lr {value.LearningRate:0.0e+00} {value.StepsPerSecond:F1}/s ETA {eta}[/]"));
                break;
            case TrainingEvent.Validation when value.Validation is { } v:
                console.MarkupLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"[blue]validation[/] at step {v.Step}: L1 {v.L1:F5}  PSNR {v.Psnr:F2} dB{(v.IsBest ? "  [green]best[/]" : string.Empty)}"));
                break;
            case TrainingEvent.Checkpoint:
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]checkpoint at step {value.Step}[/]"));
                break;
        }
    }
}
