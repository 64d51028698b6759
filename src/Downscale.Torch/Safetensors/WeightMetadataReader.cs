using System.Globalization;

namespace Downscale.Torch.Safetensors;

/// <summary>
/// Reads architecture options from a weight file's safetensors metadata, failing with a
/// <see cref="SafetensorsFormatException"/> that names the file, the model kind and the key. Shared by the ADK-Net and
/// RAW wavelet metadata.
/// </summary>
/// <param name="metadata">The file's <c>__metadata__</c>.</param>
/// <param name="source">The file, for messages.</param>
/// <param name="model">The model kind, for messages (e.g. "ADK-Net").</param>
internal sealed class WeightMetadataReader(IReadOnlyDictionary<string, string> metadata, string source, string model)
{
    /// <summary>
    /// Refuses a file whose <c>format</c> is not <paramref name="format"/> or whose <c>format_version</c> is not
    /// <paramref name="version"/>.
    /// </summary>
    /// <param name="format">The expected <c>format</c> value.</param>
    /// <param name="version">The expected <c>format_version</c>.</param>
    /// <param name="article">"a" or "an", for the model kind in messages.</param>
    /// <param name="writers">What writes such files (e.g. "AdkNet.Save or tools/reference/adknet.py"), for messages.</param>
    public void RequireFormat(string format, string version, string article, string writers)
    {
        string actual = metadata.GetValueOrDefault("format") ?? "(none)";
        if (actual != format)
        {
            throw new SafetensorsFormatException(
                $"'{source}' is not {article} {model} weight file: its metadata 'format' is '{actual}', not '{format}'. " +
                $"Files written by {writers} carry the architecture in their metadata.");
        }

        RequireVersion(version);
    }

    /// <summary>Refuses a <c>format_version</c> other than <paramref name="expected"/>.</summary>
    private void RequireVersion(string expected)
    {
        string version = Get("format_version");
        if (version != expected)
        {
            throw new SafetensorsFormatException($"'{source}' is {model} format version {version}; this library reads version {expected}.");
        }
    }

    /// <summary>The value of <paramref name="key"/>, which must be present.</summary>
    public string Get(string key) =>
        metadata.TryGetValue(key, out string? value)
            ? value
            : throw new SafetensorsFormatException($"'{source}': the {model} metadata lacks '{key}'; the file cannot say how to build the model.");

    /// <summary>The integer value of <paramref name="key"/>.</summary>
    public int Int(string key) =>
        int.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : throw NotANumber(key);

    /// <summary>The double value of <paramref name="key"/> (round-trip format).</summary>
    public double Double(string key) =>
        double.TryParse(Get(key), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : throw NotANumber(key);

    /// <summary>The value of <paramref name="key"/> whose name in <paramref name="names"/> the file holds.</summary>
    public T Name<T>(IReadOnlyDictionary<T, string> names, string key)
        where T : notnull
    {
        string text = Get(key);
        foreach (var (value, name) in names)
        {
            if (name == text)
            {
                return value;
            }
        }

        throw new SafetensorsFormatException(
            $"'{source}': {model} metadata '{key}' is '{text}'; expected one of {string.Join(", ", names.Values)}.");
    }

    private SafetensorsFormatException NotANumber(string key) => new($"'{source}': {model} metadata '{key}' is '{metadata[key]}', not a number.");
}
