namespace Downscale.Cli;

/// <summary>Row names for weight files in score tables.</summary>
internal static class ModelNames
{
    /// <summary>
    /// The file's name without extension, or its run folder's name for a trainer's <c>best.safetensors</c> (so that
    /// two runs' best weights get two rows that say which run they come from).
    /// </summary>
    public static string Of(string path)
    {
        string stem = Path.GetFileNameWithoutExtension(path);
        string? folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)));
        return stem == "best" && !string.IsNullOrEmpty(folder) ? folder : stem;
    }
}
