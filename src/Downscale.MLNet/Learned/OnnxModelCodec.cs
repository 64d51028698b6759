using Downscale.Onnx.Runtime;

namespace Downscale.MLNet.Learned;

/// <summary>
/// Rebuilds ONNX downscalers (exported ADK-Net) inside saved pipelines. The bytes are the <c>.onnx</c> file itself,
/// scored by ONNX Runtime (<see cref="OnnxDownscaler"/>) with the default session options.
/// </summary>
public sealed class OnnxModelCodec : ILearnedDownscalerCodec
{
    /// <inheritdoc />
    public LearnedDownscaler Decode(byte[] payload, string name) => Create(payload, name);

    /// <summary>The ONNX Runtime engine for an ONNX model: one long-lived, thread-safe session.</summary>
    /// <exception cref="OnnxModelFormatException">The bytes are not an ONNX image downscaler (corrupt, truncated, or missing metadata).</exception>
    /// <exception cref="ExecutionProviderUnavailableException">The execution provider asked for is not in this build.</exception>
    internal static LearnedDownscaler Create(byte[] model, string name, OnnxScoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        OnnxDownscaler engine = OnnxDownscaler.FromBytes(model, name, options);
        return new OnnxLearnedDownscaler(engine, (hr, tiling) => engine.Downscale(hr, tiling), model, name);
    }
}
