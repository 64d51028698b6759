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
        var reader = new WeightMetadataReader(metadata, source, "RAW wavelet");
        reader.RequireFormat(Format, FormatVersion, "a", "RawWaveletNet.Save or tools/reference/raw_wavelet.py");
        try
        {
            return new RawWaveletOptions
            {
                Scale = RationalScale.Parse(reader.Get("scale")),
                Features = reader.Int("features"),
                Levels = reader.Int("levels"),
                LasdmBlocks = reader.Int("lasdm_blocks"),
                HfpmBlocks = reader.Int("hfpm_blocks"),
                Merge = reader.Name(Merges, "lasdm_merge"),
                Wavelet = reader.Name(Wavelets, "wavelet"),
                Base = reader.Name(Bases, "base"),
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new SafetensorsFormatException($"'{source}' describes an invalid RAW wavelet model: {e.Message}", e);
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
