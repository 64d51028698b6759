using System.Globalization;
using Downscale.Core.Raw;
using Microsoft.ML.OnnxRuntime;

namespace Downscale.Onnx.Runtime;

/// <summary>What <see cref="RawOnnxDownscaler"/> reads from a session: the image tensors' names and the model's grid, checked against <see cref="RawOnnxContract"/>.</summary>
internal sealed record RawOnnxSignature(string InputName, string OutputName, RawNetworkGrid Grid, IReadOnlyDictionary<string, string> Metadata)
{
    /// <exception cref="OnnxModelFormatException">The model is not an exported RAW wavelet model: another format, a missing or invalid metadata key, or tensors of another shape.</exception>
    public static RawOnnxSignature Read(InferenceSession session, string source)
    {
        var metadata = new Dictionary<string, string>(session.ModelMetadata.CustomMetadataMap, StringComparer.Ordinal);
        string format = Required(metadata, RawOnnxContract.FormatKey, source);
        if (format != RawOnnxContract.Format)
        {
            throw new OnnxModelFormatException(
                $"'{source}' is a '{format}' model, not a RAW wavelet model ('{RawOnnxContract.Format}'); score it with OnnxDownscaler, or export RAW weights with 'downscale export'.");
        }

        (string inputName, int inputChannels) = DownscalerSignature.ImageTensor(session.InputMetadata, "input", source);
        (string outputName, int outputChannels) = DownscalerSignature.ImageTensor(session.OutputMetadata, "output", source);
        if (inputChannels != BayerPacking.PackedChannels || outputChannels != BayerPacking.PackedChannels)
        {
            throw new OnnxModelFormatException(
                $"'{source}' maps {inputChannels} planes to {outputChannels}; a RAW wavelet model maps the 4 packed RGGB planes to 4.");
        }

        string scaleText = Required(metadata, RawOnnxContract.ScaleKey, source);
        RationalScale scale;
        try
        {
            scale = RationalScale.Parse(scaleText);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new OnnxModelFormatException($"'{source}': metadata '{RawOnnxContract.ScaleKey}' is '{scaleText}', not a scale m/n.", e);
        }

        string levelsText = Required(metadata, RawOnnxContract.LevelsKey, source);
        if (!int.TryParse(levelsText, NumberStyles.None, CultureInfo.InvariantCulture, out int levels) || levels is < 1 or > 6)
        {
            throw new OnnxModelFormatException($"'{source}': metadata '{RawOnnxContract.LevelsKey}' is '{levelsText}', not an integer in [1, 6].");
        }

        if (scale.Input <= scale.Output)
        {
            throw new OnnxModelFormatException($"'{source}': metadata '{RawOnnxContract.ScaleKey}' is {scale}, not a downscaling factor.");
        }

        return new RawOnnxSignature(inputName, outputName, new RawNetworkGrid(scale, levels), metadata);
    }

    private static string Required(Dictionary<string, string> metadata, string key, string source) =>
        metadata.TryGetValue(key, out string? value)
            ? value
            : throw new OnnxModelFormatException(
                $"'{source}' lacks the metadata key '{key}' that a RAW wavelet model must carry (required: {string.Join(", ", RawOnnxContract.RequiredKeys)}). Export it with 'downscale export'.");
}
