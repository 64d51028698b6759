using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Downscale.MLNet.Persistence;

/// <summary>
/// The text form of a <see cref="StageConfig"/> inside a saved model: one header line
/// <c>downscale-mlnet-stage/&lt;format&gt; sha256=&lt;hex&gt;</c>, then the JSON. The checksum covers the JSON, so a
/// damaged model is refused before any of it is used, and the format number lets a newer file be refused with a clear
/// message instead of being misread.
/// </summary>
internal static class StageConfigText
{
    /// <summary>The format this library writes and reads.</summary>
    public const int FormatVersion = 1;

    private const string Magic = "downscale-mlnet-stage/";
    private const string HashField = " sha256=";

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serializes <paramref name="config"/> with its header.</summary>
    public static string Write(StageConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string json = JsonSerializer.Serialize(config, Json);
        return string.Create(CultureInfo.InvariantCulture, $"{Magic}{FormatVersion}{HashField}{Sha256Hex(json)}\n{json}");
    }

    /// <summary>The header's checksum: a cheap identity of the configuration (the header alone is read).</summary>
    /// <exception cref="DownscalingModelException">The text has no valid header.</exception>
    public static string Identity(ReadOnlySpan<char> text)
    {
        (_, string hash, _) = SplitHeader(text);
        return hash;
    }

    /// <summary>Parses and verifies a configuration.</summary>
    /// <exception cref="DownscalingModelException">The header is missing, the format is not this library's, the checksum does not match or the JSON is invalid.</exception>
    public static StageConfig Read(ReadOnlySpan<char> text)
    {
        (int version, string hash, int bodyStart) = SplitHeader(text);
        if (version != FormatVersion)
        {
            throw new DownscalingModelException(
                $"This model's downscaling stage was saved in stage format {version}, but this Downscale.MLNet reads format {FormatVersion}. " +
                (version > FormatVersion ? "Update Downscale.MLNet to load it." : "Re-save the pipeline with this version."));
        }

        string json = text[bodyStart..].ToString();
        if (!string.Equals(Sha256Hex(json), hash, StringComparison.Ordinal))
        {
            throw new DownscalingModelException(
                "This model's downscaling stage is corrupt: its configuration does not match its checksum. Save the pipeline again.");
        }

        try
        {
            return JsonSerializer.Deserialize<StageConfig>(json, Json)
                ?? throw new DownscalingModelException("This model's downscaling stage holds an empty configuration.");
        }
        catch (JsonException e)
        {
            throw new DownscalingModelException($"This model's downscaling stage configuration cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static (int Version, string Hash, int BodyStart) SplitHeader(ReadOnlySpan<char> text)
    {
        int newline = text.IndexOf('\n');
        ReadOnlySpan<char> header = newline < 0 ? text : text[..newline];
        int hashAt = header.IndexOf(HashField);
        if (newline < 0 || !header.StartsWith(Magic) || hashAt < 0
            || !int.TryParse(header[Magic.Length..hashAt], NumberStyles.None, CultureInfo.InvariantCulture, out int version))
        {
            throw new DownscalingModelException(
                "This model's downscaling stage has no valid configuration header; the file is corrupt or was not written by Downscale.MLNet.");
        }

        return (version, header[(hashAt + HashField.Length)..].ToString(), newline + 1);
    }
}
