using System.CommandLine;
using Downscale.Core.Raw;
using Downscale.Core.Resampling;

namespace Downscale.Cli;

/// <summary>Options and names shared by the RAW verbs.</summary>
internal static class RawOptions
{
    /// <summary>The RAW-domain interpolation baselines by name: the columns of the RAW paper's tables.</summary>
    public static IReadOnlyDictionary<string, (ResampleMethod Method, ResampleConvention Convention)> Baselines { get; } =
        new Dictionary<string, (ResampleMethod, ResampleConvention)>(StringComparer.OrdinalIgnoreCase)
        {
            ["nearest"] = (ResampleMethod.Nearest, ResampleConvention.OpenCv),
            ["bilinear"] = (ResampleMethod.Bilinear, ResampleConvention.OpenCv),
            ["bilinear-aa"] = (ResampleMethod.Bilinear, ResampleConvention.Pil),
            ["bicubic-aa"] = (ResampleMethod.Bicubic, ResampleConvention.Pil),
            ["bicubic"] = (ResampleMethod.Bicubic, ResampleConvention.OpenCv),
            ["area"] = (ResampleMethod.Area, ResampleConvention.OpenCv),
        };

    /// <summary>The <c>--scale</c> option: a rational scale as a decimal (1.3) or a fraction (13/10).</summary>
    public static Option<string> Scale() => new("--scale")
    {
        Description = "Downscaling factor: a decimal such as 1.3 or 2, or a fraction m/n such as 13/10.",
        DefaultValueFactory = _ => "2",
    };

    /// <summary>The baseline named <paramref name="name"/> in <paramref name="domain"/>, as a RAW downscaler.</summary>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static Func<RawFrame, RawDownscalePlan, Core.Imaging.PlanarImage> Baseline(string name, RawInterpolationDomain domain)
    {
        if (!Baselines.TryGetValue(name, out var baseline))
        {
            throw new ArgumentException($"Unknown RAW baseline '{name}'; known: {string.Join(", ", Baselines.Keys)}.");
        }

        var options = new ResampleOptions { Convention = baseline.Convention };
        return (hr, plan) => RawInterpolation.Downscale(hr, plan, baseline.Method, domain, options);
    }
}
