using System.Globalization;
using Downscale.Torch.Safetensors;

namespace Downscale.Torch.Models.AdkNet;

/// <summary>
/// The safetensors <c>__metadata__</c> that makes an ADK-Net weight file explain itself: format, version and every
/// architecture option, as strings. <c>tools/reference/adknet.py</c> (<c>AdkNetConfig.to_metadata</c>) writes and
/// reads the same keys and values.
/// </summary>
internal static class AdkNetMetadata
{
    public const string Format = "adknet";
    public const string FormatVersion = "1";

    private static readonly Dictionary<KernelGeneratorSharing, string> Sharing = new()
    {
        [KernelGeneratorSharing.PerChannel] = "per_channel",
        [KernelGeneratorSharing.SharedTrunk] = "shared_trunk",
        [KernelGeneratorSharing.SingleStream] = "single",
    };

    private static readonly Dictionary<GeneratorBlockKind, string> Blocks = new()
    {
        [GeneratorBlockKind.Residual] = "residual",
        [GeneratorBlockKind.Plain] = "plain",
    };

    private static readonly Dictionary<KernelNormalization, string> Normalizations = new()
    {
        [KernelNormalization.TwoStage] = "two_stage",
        [KernelNormalization.SumOnly] = "sum_only",
        [KernelNormalization.MinMaxOnly] = "min_max_only",
    };

    public static Dictionary<string, string> Write(AdkNetOptions options) => new(StringComparer.Ordinal)
    {
        ["format"] = Format,
        ["format_version"] = FormatVersion,
        ["scale"] = Invariant(options.Scale),
        ["kernel_size"] = Invariant(options.EffectiveKernelSize),
        ["features"] = Invariant(options.Features),
        ["backbone_blocks"] = Invariant(options.BackboneBlocks),
        ["trunk_blocks"] = Invariant(options.TrunkBlocks),
        ["branch_blocks"] = Invariant(options.BranchBlocks),
        ["generator_sharing"] = Sharing[options.GeneratorSharing],
        ["generator_blocks"] = Blocks[options.GeneratorBlocks],
        ["normalization"] = Normalizations[options.Normalization],
        ["field_aware"] = options.FieldAware ? "true" : "false",
        ["epsilon"] = options.Epsilon.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <exception cref="SafetensorsFormatException">A key is missing or a value is invalid; the message names it.</exception>
    public static AdkNetOptions Read(IReadOnlyDictionary<string, string> metadata, string source)
    {
        string format = metadata.GetValueOrDefault("format") ?? "(none)";
        if (format != Format)
        {
            throw new SafetensorsFormatException(
                $"'{source}' is not an ADK-Net weight file: its metadata 'format' is '{format}', not '{Format}'. " +
                "Files written by AdkNet.Save or tools/reference/adknet.py carry the architecture in their metadata.");
        }

        string version = Get(metadata, "format_version", source);
        if (version != FormatVersion)
        {
            throw new SafetensorsFormatException($"'{source}' is ADK-Net format version {version}; this library reads version {FormatVersion}.");
        }

        try
        {
            var options = new AdkNetOptions
            {
                Scale = Int(metadata, "scale", source),
                KernelSize = Int(metadata, "kernel_size", source),
                Features = Int(metadata, "features", source),
                BackboneBlocks = Int(metadata, "backbone_blocks", source),
                TrunkBlocks = Int(metadata, "trunk_blocks", source),
                BranchBlocks = Int(metadata, "branch_blocks", source),
                GeneratorSharing = Name(Sharing, metadata, "generator_sharing", source),
                GeneratorBlocks = Name(Blocks, metadata, "generator_blocks", source),
                Normalization = Name(Normalizations, metadata, "normalization", source),
                FieldAware = Name(new Dictionary<bool, string> { [false] = "false", [true] = "true" }, metadata, "field_aware", source),
                Epsilon = double.TryParse(Get(metadata, "epsilon", source), NumberStyles.Float, CultureInfo.InvariantCulture, out double eps)
                    ? eps
                    : throw Invalid(source, "epsilon", metadata["epsilon"]),
            };
            options.Validate();
            return options;
        }
        catch (ArgumentException e)
        {
            throw new SafetensorsFormatException($"'{source}' describes an invalid ADK-Net: {e.Message}", e);
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Get(IReadOnlyDictionary<string, string> metadata, string key, string source) =>
        metadata.TryGetValue(key, out string? value)
            ? value
            : throw new SafetensorsFormatException($"'{source}': the ADK-Net metadata lacks '{key}'; the file cannot say how to build the model.");

    private static int Int(IReadOnlyDictionary<string, string> metadata, string key, string source) =>
        int.TryParse(Get(metadata, key, source), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Invalid(source, key, metadata[key]);

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
            $"'{source}': ADK-Net metadata '{key}' is '{text}'; expected one of {string.Join(", ", names.Values)}.");
    }

    private static SafetensorsFormatException Invalid(string source, string key, string value) =>
        new($"'{source}': ADK-Net metadata '{key}' is '{value}', not a number.");
}
