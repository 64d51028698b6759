using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Downscale.Onnx.Runtime;

/// <summary>
/// What an <see cref="OnnxDownscaler"/> reads from a session: the input and output names and planes, and the metadata
/// it needs, each checked against <see cref="OnnxDownscalerContract"/> with a message that says what is wrong.
/// </summary>
internal sealed record DownscalerSignature(
    string InputName,
    int InputChannels,
    string OutputName,
    int OutputChannels,
    int Scale,
    int ReceptiveFieldRadius,
    bool FieldAware,
    int Features,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <exception cref="OnnxModelFormatException">The model does not look like an image downscaler, or lacks a required key.</exception>
    public static DownscalerSignature Read(InferenceSession session, string source)
    {
        (string inputName, int inputChannels) = ImageTensor(session.InputMetadata, "input", source);
        (string outputName, int outputChannels) = ImageTensor(session.OutputMetadata, "output", source);
        var metadata = new Dictionary<string, string>(session.ModelMetadata.CustomMetadataMap, StringComparer.Ordinal);
        int scale = Integer(metadata, OnnxDownscalerContract.ScaleKey, source, 1, 64);
        int radius = Integer(metadata, OnnxDownscalerContract.ReceptiveFieldKey, source, 0, 1 << 20);
        bool fieldAware = metadata.TryGetValue(OnnxDownscalerContract.FieldAwareKey, out string? aware) && aware == "true";
        if (fieldAware && inputChannels != 3 + Core.Imaging.FieldCoordinates.Planes)
        {
            throw new OnnxModelFormatException($"'{source}' says it is field-aware but its input has {inputChannels} planes, not 5 (RGB and the field coordinates).");
        }

        int features = metadata.ContainsKey(OnnxDownscalerContract.FeaturesKey)
            ? Integer(metadata, OnnxDownscalerContract.FeaturesKey, source, 1, 1 << 16)
            : DefaultFeatures;
        return new DownscalerSignature(inputName, inputChannels, outputName, outputChannels, scale, radius, fieldAware, features, metadata);
    }

    /// <summary>The feature count assumed for the memory estimate when the metadata does not say.</summary>
    public const int DefaultFeatures = 64;

    internal static (string Name, int Channels) ImageTensor(IReadOnlyDictionary<string, NodeMetadata> values, string what, string source)
    {
        if (values.Count != 1)
        {
            throw new OnnxModelFormatException(
                $"'{source}' has {values.Count} {what}s ({string.Join(", ", values.Keys)}); an image downscaler has one {what}, an (N, C, H, W) float image.");
        }

        var (name, meta) = values.First();
        if (!meta.IsTensor || meta.ElementDataType != TensorElementType.Float)
        {
            string type = meta.IsTensor ? meta.ElementDataType.ToString() : meta.OnnxValueType.ToString();
            throw new OnnxModelFormatException($"'{source}': {what} '{name}' holds {type}; an image downscaler's {what} is a float32 (N, C, H, W) tensor.");
        }

        int[] dims = meta.Dimensions;
        if (dims.Length != 4 || dims[1] <= 0)
        {
            string shape = string.Join(", ", dims.Select((d, i) => d > 0 ? d.ToString(CultureInfo.InvariantCulture) : meta.SymbolicDimensions[i] is { Length: > 0 } s ? s : "?"));
            throw new OnnxModelFormatException(
                $"'{source}': {what} '{name}' has shape [{shape}]; an image downscaler's {what} is (N, C, H, W) with a fixed number of planes C.");
        }

        return (name, dims[1]);
    }

    private static int Integer(Dictionary<string, string> metadata, string key, string source, int min, int max)
    {
        if (!metadata.TryGetValue(key, out string? text))
        {
            throw new OnnxModelFormatException(
                $"'{source}' lacks the metadata key '{key}' that a downscaler model must carry (required: {string.Join(", ", OnnxDownscalerContract.RequiredKeys)}). Export it with 'downscale export'.");
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw new OnnxModelFormatException($"'{source}': metadata '{key}' is '{text}', not an integer in [{min}, {max}].");
    }
}
