using Downscale.Core.Raw;
using Downscale.MLNet.Learned;

namespace Downscale.MLNet.Raw;

/// <summary>
/// An ONNX RAW model scored by an ONNX Runtime engine, saved with its own bytes (rebuilt by <see cref="OnnxRawModelCodec"/>):
/// the wrapper that <see cref="OnnxRawModelCodec.Create"/> returns around <c>RawOnnxDownscaler</c>.
/// </summary>
/// <param name="downscale">The engine's whole-frame downscaling to the protocol's LR size and grid (thread-safe).</param>
/// <param name="scale">The engine's rational scale.</param>
/// <param name="model">The .onnx bytes.</param>
/// <param name="name">The model's name.</param>
internal sealed class OnnxRawEngineAdapter(Func<RawFrame, RawFrame> downscale, RationalScale scale, byte[] model, string name) : RawDownscaler
{
    /// <inheritdoc />
    public override string Name { get; } = name;

    /// <inheritdoc />
    public override RationalScale Scale { get; } = scale;

    /// <inheritdoc />
    public override RawFrame Downscale(RawFrame hr) => downscale(hr);

    /// <inheritdoc />
    public override LearnedDownscalerPayload GetPayload() => new(typeof(OnnxRawModelCodec), model);
}
