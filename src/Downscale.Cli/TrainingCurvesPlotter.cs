using Downscale.Plotting;
using Downscale.Torch.Training;

namespace Downscale.Cli;

/// <summary>
/// Redraws the run's <c>curves.png</c> (loss and validation PSNR, <see cref="TrainingCurvesPlot"/>) after every
/// validation, then forwards each report to the console renderer.
/// </summary>
internal sealed class TrainingCurvesPlotter(string runFolder, IProgress<TrainingProgress> inner) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        inner.Report(value);
        if (value.Event == TrainingEvent.Validation)
        {
            Draw();
        }
    }

    /// <summary>Draws the plot from the log written so far; a plot is a by-product, so a failure only warns.</summary>
    public void Draw()
    {
        string log = Path.Combine(runFolder, TrainerOptions.LogFileName);
        if (!File.Exists(log))
        {
            return;
        }

        try
        {
            TrainingCurvesPlot.Save(log, Path.Combine(runFolder, TrainingCurvesPlot.FileName), Path.GetFileName(Path.GetFullPath(runFolder)));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"warning: could not draw the training curves: {e.Message}");
        }
    }
}
