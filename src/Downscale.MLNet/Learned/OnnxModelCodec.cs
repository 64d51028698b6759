namespace Downscale.MLNet.Learned;

/// <summary>
/// Rebuilds ONNX downscalers (exported ADK-Net) inside saved pipelines. The bytes are the <c>.onnx</c> file itself.
/// </summary>
public sealed class OnnxModelCodec : ILearnedDownscalerCodec
{
    /// <inheritdoc />
    public LearnedDownscaler Decode(byte[] payload, string name) => Create(payload, name);

    /// <summary>The ONNX Runtime engine for an ONNX model.</summary>
    internal static LearnedDownscaler Create(byte[] model, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        // ADAPTER POINT (issue 13, ONNX Runtime scorer): after the merge, replace the throw below with
        //     var engine = Downscale.Onnx.Runtime.OnnxDownscaler.FromBytes(model, name);
        //     return new OnnxLearnedDownscaler(engine, (hr, tiling) => engine.Downscale(hr, tiling), model, name);
        // Everything else (LearnedDownscaler.FromOnnx, the stage, saving the bytes, rebuilding them in a loaded pipeline)
        // already goes through this method.
        throw new NotSupportedException(
            $"ONNX model '{name}': the ONNX Runtime scorer is not connected to Downscale.MLNet in this build yet " +
            "(OnnxModelCodec.Create is the adapter point). Use a classic method, or an ADK-Net model through Downscale.MLNet.Torch.");
    }
}
