using Downscale.Onnx.Protobuf;
using Google.Protobuf;

namespace Downscale.Onnx.Export;

/// <summary>
/// Writes an ADK-Net as an ONNX model (opset 17, dynamic batch, height and width) from its architecture and its
/// named float32 weights, with <c>metadata_props</c> that make the file explain itself (see <see cref="OnnxDownscalerContract"/>).
/// Engine-neutral: <c>Downscale.Torch.Export.AdkNetOnnxExporter</c> hands it a TorchSharp model's weights.
/// </summary>
public static class AdkNetOnnxWriter
{
    /// <summary>The serialized model.</summary>
    /// <param name="spec">The architecture.</param>
    /// <param name="weights">Every weight of the architecture under its state-dict name, and nothing else.</param>
    /// <param name="metadata">Extra metadata (the safetensors architecture keys, <see cref="OnnxDownscalerContract.TrainingProtocolKey"/>, ...);
    /// the keys the writer computes (scale, kernel size, variant, receptive field, features, field awareness, weights hash) replace any given.</param>
    /// <exception cref="OnnxExportException">The weights do not fit the architecture (the message names the tensor).</exception>
    /// <exception cref="ArgumentException">The architecture is out of range.</exception>
    public static byte[] Serialize(AdkNetGraphSpec spec, IReadOnlyCollection<ExportTensor> weights, IReadOnlyDictionary<string, string>? metadata = null) =>
        Build(spec, weights, metadata).ToByteArray();

    /// <summary>Writes the model to <paramref name="path"/> atomically: the file appears whole or not at all.</summary>
    /// <inheritdoc cref="Serialize" />
    /// <param name="path">The .onnx file to write.</param>
    /// <param name="spec">The architecture.</param>
    /// <param name="weights">Every weight of the architecture under its state-dict name.</param>
    /// <param name="metadata">Extra metadata.</param>
    public static void Write(string path, AdkNetGraphSpec spec, IReadOnlyCollection<ExportTensor> weights, IReadOnlyDictionary<string, string>? metadata = null)
        => OnnxModelFile.Write(path, () => Serialize(spec, weights, metadata));

    internal static ModelProto Build(AdkNetGraphSpec spec, IReadOnlyCollection<ExportTensor> weights, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(weights);
        OnnxGraph graph = AdkNetGraphWriter.Write(spec, weights);
        SortedDictionary<string, string> props = OnnxModelFile.Properties(metadata);
        props.TryAdd(OnnxDownscalerContract.TrainingProtocolKey, "unknown");
        props[OnnxDownscalerContract.ScaleKey] = OnnxModelFile.Invariant(spec.Scale);
        props[OnnxDownscalerContract.KernelSizeKey] = OnnxModelFile.Invariant(spec.KernelSize);
        props[OnnxDownscalerContract.VariantKey] = spec.Variant;
        props[OnnxDownscalerContract.ReceptiveFieldKey] = OnnxModelFile.Invariant(spec.ReceptiveFieldRadius);
        props[OnnxDownscalerContract.FeaturesKey] = OnnxModelFile.Invariant(spec.Features);
        props[OnnxDownscalerContract.FieldAwareKey] = spec.FieldAware ? "true" : "false";
        return OnnxModelFile.ToModel(graph, weights, props, $"ADK-Net x{spec.Scale} ({spec.Variant}, k = {spec.KernelSize}), exported by Downscale.MLNet.");
    }
}
