namespace Downscale.Core.Resampling;

/// <summary>A named classic downscaler: a method and the convention it follows.</summary>
/// <param name="Name">The name used on the command line and in tables (for example <c>bicubic-matlab</c>).</param>
/// <param name="Method">The resampling method.</param>
/// <param name="Options">Convention and parameters.</param>
public sealed record ClassicDownscaler(string Name, ResampleMethod Method, ResampleOptions Options)
{
    /// <summary>Downscales <paramref name="source"/> by the factor <paramref name="scale"/> (output size by <see cref="Resampler.ScaledSize"/>).</summary>
    public Imaging.PlanarImage Downscale(Imaging.PlanarImage source, double scale) =>
        Resampler.Resize(source, scale, Method, Options);

    /// <summary>This downscaler at a fixed <paramref name="scale"/>, as a function of the source image.</summary>
    public Func<Imaging.PlanarImage, Imaging.PlanarImage> Downscale(double scale) => source => Downscale(source, scale);
}

/// <summary>The catalogue of classic downscalers that the CLI, the tables and the pipelines offer by name.</summary>
public static class ClassicDownscalers
{
    /// <summary>Every classic downscaler, in table order.</summary>
    public static IReadOnlyList<ClassicDownscaler> All { get; } =
    [
        new("nearest", ResampleMethod.Nearest, new ResampleOptions { Convention = ResampleConvention.Pil }),
        new("bilinear-pil", ResampleMethod.Bilinear, new ResampleOptions { Convention = ResampleConvention.Pil }),
        new("bilinear-matlab", ResampleMethod.Bilinear, new ResampleOptions { Convention = ResampleConvention.Matlab }),
        new("bicubic-pil", ResampleMethod.Bicubic, new ResampleOptions { Convention = ResampleConvention.Pil }),
        new("bicubic-matlab", ResampleMethod.Bicubic, new ResampleOptions { Convention = ResampleConvention.Matlab }),
        new("area", ResampleMethod.Area, ResampleOptions.Default),
        new("lanczos3", ResampleMethod.Lanczos3, new ResampleOptions { Convention = ResampleConvention.Pil }),
        new("dpid", ResampleMethod.Dpid, ResampleOptions.Default),
    ];

    /// <summary>Finds a downscaler by name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No downscaler has that name; the message lists the valid names.</exception>
    public static ClassicDownscaler Get(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"Unknown classic method '{name}'. Choose one of: {string.Join(", ", All.Select(d => d.Name))}.", nameof(name));
}
