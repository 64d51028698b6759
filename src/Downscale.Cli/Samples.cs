namespace Downscale.Cli;

/// <summary>The bundled sample images (Set5 in the pairs-v1 layout), shipped next to the tool.</summary>
internal static class Samples
{
    /// <summary>The bundled set's folder.</summary>
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "samples", "Set5");

    /// <summary>An HR sample by stem.</summary>
    public static string HrPath(string stem) => Existing(Path.Combine(Root, "HR", stem + ".png"));

    /// <summary>The ground-truth LR of a sample for a protocol (camsim or bicubic) and integer scale.</summary>
    public static string LrPath(string protocol, int scale, string stem) =>
        Existing(Path.Combine(Root, $"LR_{protocol}_x{scale}", stem + ".png"));

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"The bundled sample '{path}' is missing; reinstall the tool or rebuild.", path);
}
