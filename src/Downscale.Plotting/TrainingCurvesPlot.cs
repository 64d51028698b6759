using Downscale.Core.IO;
using ScottPlot;

namespace Downscale.Plotting;

/// <summary>Draws <see cref="TrainingCurves"/> as a PNG: loss on the left axis (log scale), validation PSNR on the right.</summary>
public static class TrainingCurvesPlot
{
    /// <summary>The file name the trainer's run folder uses for the plot.</summary>
    public const string FileName = "curves.png";

    private const int SmoothingWindow = 20;

    /// <summary>Renders the curves to PNG bytes.</summary>
    /// <param name="curves">The curves to draw; either may be empty.</param>
    /// <param name="title">The plot title, for example the run's name.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static byte[] RenderPng(TrainingCurves curves, string title, int width = 960, int height = 540)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 150);

        using var plot = new Plot();
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel("training loss (log10)");
        plot.Axes.Right.Label.Text = "validation PSNR (dB)";

        if (curves.Loss.Count > 0)
        {
            // Log scale through log10 of the values: losses fall over decades; non-positive losses cannot be drawn.
            CurvePoint[] positive = curves.Loss.Where(p => p.Value > 0).ToArray();
            var loss = plot.Add.ScatterLine(positive.Select(p => (double)p.Step).ToArray(), positive.Select(p => Math.Log10(p.Value)).ToArray());
            loss.LegendText = "loss";
            loss.LineWidth = 1.5f;
            loss.Color = Colors.SteelBlue.WithAlpha(0.45);
            if (positive.Length >= 2 * SmoothingWindow)
            {
                // Per-step losses of random crops are noisy; a trailing mean shows the trend.
                double[] smoothed = TrailingMean(positive.Select(p => Math.Log10(p.Value)).ToArray(), SmoothingWindow);
                var trend = plot.Add.ScatterLine(positive.Select(p => (double)p.Step).ToArray(), smoothed);
                trend.LegendText = $"loss, mean of {SmoothingWindow}";
                trend.LineWidth = 2.5f;
                trend.Color = Colors.Navy;
            }
        }

        if (curves.ValidationPsnr.Count > 0)
        {
            var psnr = plot.Add.Scatter(curves.ValidationPsnr.Select(p => (double)p.Step).ToArray(), curves.ValidationPsnr.Select(p => p.Value).ToArray());
            psnr.LegendText = "validation PSNR";
            psnr.Axes.YAxis = plot.Axes.Right;
            psnr.Color = Colors.OrangeRed;
            psnr.LineWidth = 2;
            psnr.MarkerSize = 5;
        }

        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static double[] TrailingMean(double[] values, int window)
    {
        var means = new double[values.Length];
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += values[i] - (i >= window ? values[i - window] : 0);
            means[i] = sum / Math.Min(i + 1, window);
        }

        return means;
    }

    /// <summary>Reads a run's log and writes its plot atomically (temp file, then rename).</summary>
    /// <param name="logPath">The run's <c>log.jsonl</c>.</param>
    /// <param name="pngPath">Where to write the PNG.</param>
    /// <param name="title">The plot title.</param>
    public static void Save(string logPath, string pngPath, string title)
    {
        ArgumentException.ThrowIfNullOrEmpty(pngPath);
        byte[] png = RenderPng(TrainingCurves.ReadLog(logPath), title);
        AtomicFile.WriteAllBytes(pngPath, png);
    }
}
