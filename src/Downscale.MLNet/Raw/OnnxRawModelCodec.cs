using Downscale.Onnx.Runtime;

namespace Downscale.MLNet.Raw;

/// <summary>
/// Rebuilds ONNX RAW downscalers (an exported RAW wavelet model) inside saved pipelines: the single place where the ONNX
/// Runtime RAW engine plugs into the RAW stages. The bytes are the <c>.onnx</c> file itself.
/// </summary>
/// <remarks>
/// The engine is <see cref="RawOnnxDownscaler"/>: whole frames to the protocol's LR size and grid, clipped, with the LR
/// metadata, as <c>RawWaveletNet.Downscale(RawFrame)</c> does; one shared, thread-safe session per model.
/// </remarks>
public sealed class OnnxRawModelCodec : IRawDownscalerCodec
{
    /// <inheritdoc />
    public RawDownscaler Decode(byte[] payload, string name) => Create(payload, name);

    /// <summary>The ONNX Runtime engine for an ONNX RAW model.</summary>
    /// <exception cref="OnnxModelFormatException">The bytes are not an ONNX RAW wavelet model (corrupt, truncated, another model, missing metadata).</exception>
    internal static RawDownscaler Create(byte[] model, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var engine = RawOnnxDownscaler.FromBytes(model, name);
        return new OnnxRawEngineAdapter(hr => engine.Downscale(hr), engine.Scale, model, name);
    }
}
