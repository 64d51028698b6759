using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Downscale.Core.IO;
using Downscale.Core.Raw;
using Spectre.Console;

namespace Downscale.Cli;

/// <summary>The RAW paper's two tables in one: PSNR/SSIM in the RAW domain and in sRGB after the fixed ISP, one row per method.</summary>
internal static class RawScoreTable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(string title, IReadOnlyList<(string Method, RawScores Mean)> rows)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) };
        table.AddColumn("method");
        foreach (string column in new[] { "RAW PSNR", "RAW SSIM", "sRGB PSNR", "sRGB SSIM", "sRGB PSNR Y" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        Func<RawScores, double>[] columns = [s => s.RawPsnr, s => s.RawSsim, s => s.Srgb.PsnrRgb, s => s.Srgb.SsimRgb, s => s.Srgb.PsnrY];
        string[] formats = ["F2", "F4", "F2", "F4", "F2"];
        double[] best = [.. columns.Select(column => rows.Max(row => column(row.Mean)))];
        foreach (var (method, mean) in rows)
        {
            table.AddRow([Markup.Escape(method), .. columns.Select((column, i) => Cell(column(mean), best[i], formats[i]))]);
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Writes the scores (set, scale, each method's mean and per-image scores) as JSON, atomically.</summary>
    public static void WriteJson(string path, string set, RationalScale scale, IReadOnlyList<(string Method, IReadOnlyList<RawScores> PerImage)> rows)
    {
        var methods = new JsonArray();
        foreach (var (method, perImage) in rows)
        {
            var images = new JsonObject();
            foreach (RawScores scores in perImage)
            {
                images[scores.Name] = ToJson(scores);
            }

            methods.Add(new JsonObject { ["method"] = method, ["mean"] = ToJson(RawEvaluation.Mean(perImage)), ["images"] = images });
        }

        var document = new JsonObject
        {
            ["set"] = set, ["protocol"] = "raw", ["scale"] = scale.Factor.ToString("0.###", CultureInfo.InvariantCulture), ["methods"] = methods,
        };
        AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(document, Indented));
    }

    private static JsonObject ToJson(RawScores scores) => new()
    {
        ["raw_psnr"] = scores.RawPsnr,
        ["raw_ssim"] = scores.RawSsim,
        ["psnr_rgb"] = scores.Srgb.PsnrRgb,
        ["psnr_y"] = scores.Srgb.PsnrY,
        ["ssim_rgb"] = scores.Srgb.SsimRgb,
        ["ssim_y"] = scores.Srgb.SsimY,
    };

    private static string Cell(double value, double best, string format)
    {
        string text = value.ToString(format, CultureInfo.InvariantCulture);
        return value == best ? $"[bold]{text}[/]" : text;
    }
}
