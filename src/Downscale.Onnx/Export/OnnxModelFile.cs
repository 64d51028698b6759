using System.Globalization;
using Downscale.Core.IO;
using Downscale.Onnx.Protobuf;

namespace Downscale.Onnx.Export;

/// <summary>
/// What the model writers share around their graphs: the <c>metadata_props</c> (the caller's keys, then the computed
/// ones, in ordinal order), the weights hash and producer version, and the atomic file write.
/// </summary>
internal static class OnnxModelFile
{
    /// <summary>The caller's metadata as the start of the model's properties (the writer then sets its computed keys).</summary>
    public static SortedDictionary<string, string> Properties(IReadOnlyDictionary<string, string>? metadata)
    {
        var props = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            props[key] = value;
        }

        return props;
    }

    /// <summary>The model of <paramref name="graph"/>, with the weights hash added to <paramref name="props"/> and this assembly's version as producer version.</summary>
    public static ModelProto ToModel(OnnxGraph graph, IReadOnlyCollection<ExportTensor> weights, SortedDictionary<string, string> props, string description)
    {
        props[OnnxDownscalerContract.WeightsHashKey] = WeightsHash.Compute(weights);
        string version = typeof(OnnxModelFile).Assembly.GetName().Version?.ToString() ?? "0";
        return graph.ToModel(version, props, description);
    }

    /// <summary>Writes <paramref name="serialize"/>'s bytes to <paramref name="path"/> atomically; everything that can fail happens before the file is opened.</summary>
    public static void Write(string path, Func<byte[]> serialize)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = serialize();
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>An integer as invariant text.</summary>
    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
