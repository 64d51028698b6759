using System.Globalization;
using Downscale.Core.Evaluation;
using Spectre.Console;

namespace Downscale.Cli;

/// <summary>Prints the paper-style table: one row per method, PSNR and SSIM on RGB and Y, best of each column in bold.</summary>
internal static class ScoreTable
{
    public static void Write(string title, IReadOnlyList<SetScores> rows)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) };
        table.AddColumn("method");
        foreach (string column in new[] { "PSNR RGB", "PSNR Y", "SSIM RGB", "SSIM Y" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        double bestPsnrRgb = rows.Max(r => r.Mean.PsnrRgb), bestPsnrY = rows.Max(r => r.Mean.PsnrY);
        double bestSsimRgb = rows.Max(r => r.Mean.SsimRgb), bestSsimY = rows.Max(r => r.Mean.SsimY);
        foreach (SetScores row in rows)
        {
            table.AddRow(
                Markup.Escape(row.Method),
                Cell(row.Mean.PsnrRgb, bestPsnrRgb, "F2"),
                Cell(row.Mean.PsnrY, bestPsnrY, "F2"),
                Cell(row.Mean.SsimRgb, bestSsimRgb, "F4"),
                Cell(row.Mean.SsimY, bestSsimY, "F4"));
        }

        AnsiConsole.Write(table);
    }

    private static string Cell(double value, double best, string format)
    {
        // Identical images score +infinity in PSNR (BasicSR's convention); print it readably.
        string text = double.IsPositiveInfinity(value) ? "inf" : value.ToString(format, CultureInfo.InvariantCulture);
        return value == best ? $"[bold]{text}[/]" : text;
    }
}
