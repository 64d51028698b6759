using System.Globalization;
using Downscale.Core.IO;
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
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = Serialize(spec, weights, metadata); // everything that can fail happens before the file is opened
        AtomicFile.WriteAllBytes(path, bytes);
    }

    internal static ModelProto Build(AdkNetGraphSpec spec, IReadOnlyCollection<ExportTensor> weights, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(weights);
        OnnxGraph graph = AdkNetGraphWriter.Write(spec, weights);
        var props = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            props[key] = value;
        }

        props.TryAdd(OnnxDownscalerContract.TrainingProtocolKey, "unknown");
        props[OnnxDownscalerContract.ScaleKey] = Invariant(spec.Scale);
        props[OnnxDownscalerContract.KernelSizeKey] = Invariant(spec.KernelSize);
        props[OnnxDownscalerContract.VariantKey] = spec.Variant;
        props[OnnxDownscalerContract.ReceptiveFieldKey] = Invariant(spec.ReceptiveFieldRadius);
        props[OnnxDownscalerContract.FeaturesKey] = Invariant(spec.Features);
        props[OnnxDownscalerContract.FieldAwareKey] = spec.FieldAware ? "true" : "false";
        props[OnnxDownscalerContract.WeightsHashKey] = WeightsHash.Compute(weights);
        string version = typeof(AdkNetOnnxWriter).Assembly.GetName().Version?.ToString() ?? "0";
        return graph.ToModel(version, props, $"ADK-Net x{spec.Scale} ({spec.Variant}, k = {spec.KernelSize}), exported by Downscale.MLNet.");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
