using System.Globalization;
using System.Text;

namespace Downscale.MLNet.Evaluation;

/// <summary>One method's row of a <see cref="DownscalingComparison"/>.</summary>
/// <param name="Method">The method's name (a classic method or a learned model).</param>
/// <param name="Scale">Its downscaling factor.</param>
/// <param name="Metrics">Its mean scores.</param>
public sealed record ComparedMethod(string Method, double Scale, DownscalingMetrics Metrics);

/// <summary>The paper-style table of several downscalers scored on the same pairs (PSNR / SSIM, RGB and Y).</summary>
public sealed class DownscalingComparison
{
    internal DownscalingComparison(IReadOnlyList<ComparedMethod> methods) => Methods = methods;

    /// <summary>The rows, in the order the methods were given.</summary>
    public IReadOnlyList<ComparedMethod> Methods { get; }

    /// <summary>The row with the highest PSNR (RGB).</summary>
    public ComparedMethod Best => Methods.MaxBy(m => m.Metrics.PsnrRgb)!;

    /// <summary>A Markdown table: method, scale, PSNR and SSIM on RGB and Y; the best value of each column in bold.</summary>
    public string ToMarkdown()
    {
        var table = new StringBuilder();
        table.AppendLine("| method | scale | PSNR RGB (dB) | SSIM RGB | PSNR Y (dB) | SSIM Y |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|");
        double bestPsnr = Methods.Max(m => m.Metrics.PsnrRgb), bestSsim = Methods.Max(m => m.Metrics.SsimRgb);
        double bestPsnrY = Methods.Max(m => m.Metrics.PsnrY), bestSsimY = Methods.Max(m => m.Metrics.SsimY);
        foreach (ComparedMethod row in Methods)
        {
            DownscalingMetrics m = row.Metrics;
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Method} | {row.Scale:0.##} | {Bold(m.PsnrRgb, bestPsnr, "F2")} | {Bold(m.SsimRgb, bestSsim, "F4")} | {Bold(m.PsnrY, bestPsnrY, "F2")} | {Bold(m.SsimY, bestSsimY, "F4")} |");
        }

        return table.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToMarkdown();

    private static string Bold(double value, double best, string format)
    {
        string text = value.ToString(format, CultureInfo.InvariantCulture);
        return value == best ? $"**{text}**" : text;
    }
}
