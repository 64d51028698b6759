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

    private static readonly Dictionary<bool, string> Booleans = new() { [false] = "false", [true] = "true" };

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
        var reader = new WeightMetadataReader(metadata, source, "ADK-Net");
        reader.RequireFormat(Format, FormatVersion, "an", "AdkNet.Save or tools/reference/adknet.py");
        try
        {
            var options = new AdkNetOptions
            {
                Scale = reader.Int("scale"),
                KernelSize = reader.Int("kernel_size"),
                Features = reader.Int("features"),
                BackboneBlocks = reader.Int("backbone_blocks"),
                TrunkBlocks = reader.Int("trunk_blocks"),
                BranchBlocks = reader.Int("branch_blocks"),
                GeneratorSharing = reader.Name(Sharing, "generator_sharing"),
                GeneratorBlocks = reader.Name(Blocks, "generator_blocks"),
                Normalization = reader.Name(Normalizations, "normalization"),
                FieldAware = reader.Name(Booleans, "field_aware"),
                Epsilon = reader.Double("epsilon"),
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
}
