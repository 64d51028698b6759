using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Downscale.Core.Evaluation;
using Downscale.Core.IO;
using Downscale.Core.Metrics;
using Spectre.Console;

namespace Downscale.Cli;

/// <summary>Prints the paper-style table: one row per method, PSNR and SSIM on RGB and Y, best of each column in bold.</summary>
internal static class ScoreTable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

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

    /// <summary>Writes the scores as JSON (atomically): the set, protocol and scale, then each method's mean and per-image scores.</summary>
    public static void WriteJson(string path, string set, string protocol, int scale, IReadOnlyList<SetScores> rows)
    {
        var methods = new JsonArray();
        foreach (SetScores row in rows)
        {
            var perImage = new JsonObject();
            foreach (var (name, scores) in row.PerImage)
            {
                perImage[name] = ToJson(scores);
            }

            methods.Add(new JsonObject { ["method"] = row.Method, ["mean"] = ToJson(row.Mean), ["images"] = perImage });
        }

        var document = new JsonObject { ["set"] = set, ["protocol"] = protocol, ["scale"] = scale, ["methods"] = methods };
        AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(document, Indented));
    }

    // PSNR of identical images is +infinity, which JSON cannot hold: written as null.
    private static JsonObject ToJson(FidelityScores scores) => new()
    {
        ["psnr_rgb"] = Finite(scores.PsnrRgb),
        ["psnr_y"] = Finite(scores.PsnrY),
        ["ssim_rgb"] = scores.SsimRgb,
        ["ssim_y"] = scores.SsimY,
    };

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string Cell(double value, double best, string format)
    {
        // Identical images score +infinity in PSNR (BasicSR's convention); print it readably.
        string text = double.IsPositiveInfinity(value) ? "inf" : value.ToString(format, CultureInfo.InvariantCulture);
        return value == best ? $"[bold]{text}[/]" : text;
    }
}
