using System.Text.Json;
using System.Text.Json.Serialization;

namespace Downscale.Core.Raw;

/// <summary>The JSON shape of a raw protocol sidecar (<c>&lt;stem&gt;.png.json</c>), field for field.</summary>
internal sealed class RawSidecarDocument
{
    [JsonPropertyName("bit_depth")]
    public int? BitDepth { get; set; }

    [JsonPropertyName("black_level")]
    public double? BlackLevel { get; set; }

    [JsonPropertyName("cam2rgb")]
    public double[][]? CamToRgb { get; set; }

    [JsonPropertyName("cfa_pattern")]
    public string? CfaPattern { get; set; }

    [JsonPropertyName("generator")]
    public string? Generator { get; set; }

    [JsonPropertyName("hr_region")]
    public int[]? HrRegion { get; set; }

    [JsonPropertyName("hr_size")]
    public int[]? HrSize { get; set; }

    [JsonPropertyName("image")]
    public string? Image { get; set; }

    [JsonPropertyName("isp")]
    public string? Isp { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("lr_size")]
    public int[]? LrSize { get; set; }

    [JsonPropertyName("noise")]
    public NoiseDocument? Noise { get; set; }

    [JsonPropertyName("rgb2cam")]
    public double[][]? RgbToCam { get; set; }

    [JsonPropertyName("rgb2xyz")]
    public double[][]? RgbToXyz { get; set; }

    [JsonPropertyName("scale")]
    public double? Scale { get; set; }

    [JsonPropertyName("scale_actual")]
    public double[]? ScaleActual { get; set; }

    [JsonPropertyName("set")]
    public string? Set { get; set; }

    [JsonPropertyName("wb_gains")]
    public GainsDocument? WbGains { get; set; }

    [JsonPropertyName("white_level")]
    public double? WhiteLevel { get; set; }

    [JsonPropertyName("xyz2cam")]
    public double[][]? XyzToCam { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    internal sealed class GainsDocument
    {
        [JsonPropertyName("blue")]
        public double Blue { get; set; }

        [JsonPropertyName("green")]
        public double Green { get; set; } = 1;

        [JsonPropertyName("red")]
        public double Red { get; set; }
    }

    internal sealed class NoiseDocument
    {
        [JsonPropertyName("read_std")]
        public double ReadStd { get; set; }

        [JsonPropertyName("seed")]
        public ulong Seed { get; set; }

        [JsonPropertyName("shot")]
        public double Shot { get; set; }

        [JsonPropertyName("variance")]
        public string? Variance { get; set; }
    }
}

/// <summary>Source-generated (reflection-free) JSON for sidecars; written with 1-space indents like the originals.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    IndentSize = 1,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(RawSidecarDocument))]
internal sealed partial class RawSidecarJsonContext : JsonSerializerContext;
