using System.Globalization;
using Downscale.Core.Raw;
using Downscale.Core.Wavelets;
using Downscale.Torch.Safetensors;

namespace Downscale.Torch.Models.RawWavelet;

/// <summary>
/// The safetensors <c>__metadata__</c> of a RAW wavelet weight file: format, version and every architecture option as
/// strings. <c>tools/reference/raw_wavelet.py</c> (<c>RawWaveletConfig.to_metadata</c>) writes and reads the same keys.
/// </summary>
internal static class RawWaveletMetadata
{
    public const string Format = "raw_wavelet";
    public const string FormatVersion = "1";

    private static readonly Dictionary<LasdmMerge, string> Merges = new()
    {
        [LasdmMerge.Dense] = "dense",
        [LasdmMerge.Separable] = "separable",
    };

    private static readonly Dictionary<HaarNormalization, string> Wavelets = new()
    {
        [HaarNormalization.Orthonormal] = "orthonormal",
        [HaarNormalization.Average] = "average",
    };

    private static readonly Dictionary<RawBaseInterpolation, string> Bases = new()
    {
        [RawBaseInterpolation.None] = "none",
        [RawBaseInterpolation.Bilinear] = "bilinear",
        [RawBaseInterpolation.Bicubic] = "bicubic",
        [RawBaseInterpolation.Area] = "area",
    };

    public static Dictionary<string, string> Write(RawWaveletOptions options) => new(StringComparer.Ordinal)
    {
        ["format"] = Format,
        ["format_version"] = FormatVersion,
        ["scale"] = string.Create(CultureInfo.InvariantCulture, $"{options.Scale.Input}/{options.Scale.Output}"),
        ["features"] = Invariant(options.Features),
        ["levels"] = Invariant(options.Levels),
        ["lasdm_blocks"] = Invariant(options.LasdmBlocks),
        ["hfpm_blocks"] = Invariant(options.HfpmBlocks),
        ["lasdm_merge"] = Merges[options.Merge],
        ["wavelet"] = Wavelets[options.Wavelet],
        ["base"] = Bases[options.Base],
    };

    /// <exception cref="SafetensorsFormatException">A key is missing or a value is invalid; the message names it.</exception>
    public static RawWaveletOptions Read(IReadOnlyDictionary<string, string> metadata, string source)
    {
        string format = metadata.GetValueOrDefault("format") ?? "(none)";
        if (format != Format)
        {
            throw new SafetensorsFormatException(
                $"'{source}' is not a RAW wavelet weight file: its metadata 'format' is '{format}', not '{Format}'. " +
                "Files written by RawWaveletNet.Save or tools/reference/raw_wavelet.py carry the architecture in their metadata.");
        }

        string version = Get(metadata, "format_version", source);
        if (version != FormatVersion)
        {
            throw new SafetensorsFormatException($"'{source}' is RAW wavelet format version {version}; this library reads version {FormatVersion}.");
        }

        try
        {
            return new RawWaveletOptions
            {
                Scale = RationalScale.Parse(Get(metadata, "scale", source)),
                Features = Int(metadata, "features", source),
                Levels = Int(metadata, "levels", source),
                LasdmBlocks = Int(metadata, "lasdm_blocks", source),
                HfpmBlocks = Int(metadata, "hfpm_blocks", source),
                Merge = Name(Merges, metadata, "lasdm_merge", source),
                Wavelet = Name(Wavelets, metadata, "wavelet", source),
                Base = Name(Bases, metadata, "base", source),
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new SafetensorsFormatException($"'{source}' describes an invalid RAW wavelet model: {e.Message}", e);
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Get(IReadOnlyDictionary<string, string> metadata, string key, string source) =>
        metadata.TryGetValue(key, out string? value)
            ? value
            : throw new SafetensorsFormatException($"'{source}': the RAW wavelet metadata lacks '{key}'; the file cannot say how to build the model.");

    private static int Int(IReadOnlyDictionary<string, string> metadata, string key, string source) =>
        int.TryParse(Get(metadata, key, source), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new SafetensorsFormatException($"'{source}': RAW wavelet metadata '{key}' is '{metadata[key]}', not a number.");

    private static T Name<T>(Dictionary<T, string> names, IReadOnlyDictionary<string, string> metadata, string key, string source)
        where T : notnull
    {
        string text = Get(metadata, key, source);
        foreach (var (value, name) in names)
        {
            if (name == text)
            {
                return value;
            }
        }

        throw new SafetensorsFormatException(
            $"'{source}': RAW wavelet metadata '{key}' is '{text}'; expected one of {string.Join(", ", names.Values)}.");
    }
}
