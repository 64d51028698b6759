using System.Globalization;
using Downscale.Onnx.Protobuf;
using Google.Protobuf;

namespace Downscale.Onnx.Export.RawWavelet;

/// <summary>
/// Writes a RAW wavelet model as an ONNX model (opset 17; input <c>hr</c> N x 4 x H x W packed RGGB planes with H and
/// W multiples of 2^K·m, output <c>lr</c> N x 4 x H n/m x W n/m; batch, height and width symbolic) from its
/// architecture and its named float32 weights, with <c>metadata_props</c> that describe it
/// (<see cref="RawOnnxContract"/>). Engine-neutral: <c>Downscale.Torch.Export.RawWaveletOnnxExporter</c> hands it a
/// TorchSharp model's weights.
/// </summary>
public static class RawWaveletOnnxWriter
{
    /// <summary>The serialized model.</summary>
    /// <param name="spec">The architecture.</param>
    /// <param name="weights">Every weight of the architecture under its state-dict name, and nothing else.</param>
    /// <param name="metadata">Extra metadata (the weight file's architecture keys); the keys the writer computes
    /// (format, scale, levels, features, merge, wavelet, base, block sizes, weights hash) replace any given.</param>
    /// <exception cref="OnnxExportException">The weights do not fit the architecture (the message names the tensor), or the identity path's resize has no ONNX form.</exception>
    /// <exception cref="ArgumentException">The architecture is out of range.</exception>
    public static byte[] Serialize(RawWaveletGraphSpec spec, IReadOnlyCollection<ExportTensor> weights, IReadOnlyDictionary<string, string>? metadata = null) =>
        Build(spec, weights, metadata).ToByteArray();

    /// <summary>Writes the model to <paramref name="path"/> atomically: the file appears whole or not at all.</summary>
    /// <param name="path">The .onnx file to write.</param>
    /// <param name="spec">The architecture.</param>
    /// <param name="weights">Every weight of the architecture under its state-dict name.</param>
    /// <param name="metadata">Extra metadata.</param>
    /// <exception cref="OnnxExportException">The weights do not fit the architecture; nothing is written.</exception>
    /// <exception cref="ArgumentException">The architecture is out of range; nothing is written.</exception>
    public static void Write(string path, RawWaveletGraphSpec spec, IReadOnlyCollection<ExportTensor> weights, IReadOnlyDictionary<string, string>? metadata = null)
        => OnnxModelFile.Write(path, () => Serialize(spec, weights, metadata));

    internal static ModelProto Build(RawWaveletGraphSpec spec, IReadOnlyCollection<ExportTensor> weights, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(weights);
        OnnxGraph graph = RawWaveletGraphWriter.Write(spec, weights);
        SortedDictionary<string, string> props = OnnxModelFile.Properties(metadata);
        props[RawOnnxContract.FormatKey] = RawOnnxContract.Format;
        props[RawOnnxContract.ScaleKey] = string.Create(CultureInfo.InvariantCulture, $"{spec.Scale.Input}/{spec.Scale.Output}");
        props[RawOnnxContract.LevelsKey] = OnnxModelFile.Invariant(spec.Levels);
        props[RawOnnxContract.FeaturesKey] = OnnxModelFile.Invariant(spec.Features);
        props[RawOnnxContract.MergeKey] = spec.Merge == RawGraphMerge.Dense ? "dense" : "separable";
        props[RawOnnxContract.WaveletKey] = spec.Wavelet.ToString().ToLowerInvariant();
        props.TryAdd(RawOnnxContract.BaseKey, spec.BaseMethod is null ? "none" : spec.BaseMethod.Value.ToString().ToLowerInvariant());
        props[RawOnnxContract.InputBlockKey] = OnnxModelFile.Invariant(spec.InputBlock);
        props[RawOnnxContract.OutputBlockKey] = OnnxModelFile.Invariant(spec.OutputBlock);
        return OnnxModelFile.ToModel(graph, weights, props,
            $"RAW wavelet downscaler x{spec.Scale} (K = {spec.Levels}, c = {spec.Features}, {props[RawOnnxContract.MergeKey]} merge, base {props[RawOnnxContract.BaseKey]}), exported by Downscale.MLNet.");
    }
}
