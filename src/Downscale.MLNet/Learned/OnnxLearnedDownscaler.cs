using Downscale.Core.Imaging;
using Downscale.Core.Tiling;

namespace Downscale.MLNet.Learned;

/// <summary>
/// An ONNX model scored by ONNX Runtime, saved with its own bytes (rebuilt by <see cref="OnnxModelCodec"/>).
/// </summary>
/// <param name="engine">The session-backed tile engine (thread-safe).</param>
/// <param name="downscale">Whole-image downscaling with tiling (the engine's own, which adds a field-aware model's coordinate planes).</param>
/// <param name="model">The .onnx bytes.</param>
/// <param name="name">The model's name.</param>
internal sealed class OnnxLearnedDownscaler(ITileDownscaler engine, Func<PlanarImage, TilingOptions, PlanarImage> downscale, byte[] model, string name)
    : LearnedDownscaler
{
    /// <inheritdoc />
    public override string Name { get; } = name;

    /// <inheritdoc />
    public override int Scale => engine.Scale;

    /// <inheritdoc />
    public override PlanarImage Downscale(PlanarImage hr, TilingOptions tiling) => downscale(hr, tiling);

    /// <inheritdoc />
    public override LearnedDownscalerPayload GetPayload() => new(typeof(OnnxModelCodec), model);
}
