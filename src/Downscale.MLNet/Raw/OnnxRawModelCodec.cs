namespace Downscale.MLNet.Raw;

/// <summary>
/// Rebuilds ONNX RAW downscalers (an exported RAW wavelet model) inside saved pipelines: the single place where the ONNX
/// Runtime RAW engine plugs into the RAW stages. The bytes are the <c>.onnx</c> file itself.
/// </summary>
/// <remarks>
/// <para>
/// ADAPTER POINT (ONNX RAW scorer, written in Downscale.Onnx in parallel): replace the throw in <see cref="Create"/> with
/// the engine wrapped in <see cref="OnnxRawEngineAdapter"/> (which already saves the bytes under this codec), for example
/// <code>
/// var engine = Downscale.Onnx.Runtime.OnnxRawDownscaler.FromBytes(model, name);   // the scorer's real name and signature
/// return new OnnxRawEngineAdapter(hr => engine.Downscale(hr), engine.Scale, model, name);
/// </code>
/// The engine's <c>Downscale</c> must take a whole <see cref="Core.Raw.RawFrame"/> and return the LR frame at the
/// protocol's size and grid, clipped, with the LR metadata filled in, as <c>RawWaveletNet.Downscale(RawFrame)</c> does.
/// Everything else already goes through this method: <see cref="RawDownscaler.FromOnnx(byte[], string)"/>, the
/// <c>DownscaleRaw</c> stage, saving the bytes, and rebuilding them in a loaded pipeline (the codec type named in the
/// saved file is this one).
/// </para>
/// </remarks>
public sealed class OnnxRawModelCodec : IRawDownscalerCodec
{
    /// <inheritdoc />
    public RawDownscaler Decode(byte[] payload, string name) => Create(payload, name);

    /// <summary>The ONNX Runtime engine for an ONNX RAW model.</summary>
    /// <exception cref="NotSupportedException">Not connected in this build.</exception>
    internal static RawDownscaler Create(byte[] model, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        throw new NotSupportedException(
            $"ONNX RAW model '{name}': the ONNX Runtime RAW scorer is not connected to Downscale.MLNet in this build yet " +
            "(OnnxRawModelCodec.Create is the adapter point). Use a RAW wavelet model through Downscale.MLNet.Torch, or a RAW interpolation method.");
    }
}
