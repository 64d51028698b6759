using Downscale.Core.Raw;
using Downscale.MLNet.Learned;

namespace Downscale.MLNet.Raw;

/// <summary>
/// A learned RAW downscaler behind one face, whatever its engine: the model of <c>mlContext.Transforms.DownscaleRaw</c>.
/// TorchSharp's RAW wavelet model comes from Downscale.MLNet.Torch (<c>RawWaveletDownscaler</c>, or the trainer
/// <c>mlContext.Downscaling().Trainers.RawWavelet</c>); an exported ONNX model plugs in through
/// <see cref="FromOnnx(byte[], string)"/> (<see cref="OnnxRawModelCodec"/>).
/// </summary>
/// <remarks>
/// <para>Implementations must be thread-safe: a stage may downscale several rows at once with one instance.</para>
/// <para>
/// Saving: a model that describes itself as bytes (<see cref="GetPayload"/>, the codec implementing
/// <see cref="IRawDownscalerCodec"/>) travels inside the saved ML.NET model and is rebuilt in a fresh process by its
/// codec, as for <see cref="LearnedDownscaler"/>.
/// </para>
/// </remarks>
public abstract class RawDownscaler
{
    /// <summary>The name used in tables and messages (for example <c>raw-wavelet-x13/10</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The model's rational scale m/n.</summary>
    public abstract RationalScale Scale { get; }

    /// <summary>
    /// Downscales a RAW frame to the protocol's LR size for <see cref="Scale"/> (<see cref="RawDownscaleGeometry.LrSize"/>)
    /// on the protocol's grid; the result is clipped to [0, 1] and carries the HR metadata with the LR fields filled in.
    /// Called concurrently for different rows.
    /// </summary>
    /// <param name="hr">The HR frame (even mosaic size).</param>
    public abstract RawFrame Downscale(RawFrame hr);

    /// <summary>The bytes and codec (an <see cref="IRawDownscalerCodec"/>) that rebuild this model elsewhere, or null when it cannot be saved.</summary>
    public virtual LearnedDownscalerPayload? GetPayload() => null;

    /// <summary>An exported RAW model (ONNX) scored by ONNX Runtime, without TorchSharp.</summary>
    /// <param name="model">The serialized ONNX model.</param>
    /// <param name="name">Its name in tables and messages.</param>
    /// <exception cref="Onnx.Runtime.OnnxModelFormatException">The bytes are not an ONNX RAW wavelet model.</exception>
    public static RawDownscaler FromOnnx(byte[] model, string name) => OnnxRawModelCodec.Create(model, name);

    /// <summary>An exported RAW model (ONNX) from its file; see <see cref="FromOnnx(byte[], string)"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static RawDownscaler FromOnnx(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return File.Exists(path)
            ? OnnxRawModelCodec.Create(File.ReadAllBytes(path), Path.GetFileNameWithoutExtension(path))
            : throw new FileNotFoundException($"The ONNX RAW model '{path}' does not exist.", path);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} (x{Scale})";
}

/// <summary>Rebuilds a <see cref="RawDownscaler"/> from the bytes that its <see cref="RawDownscaler.GetPayload"/> wrote.</summary>
/// <remarks>A loaded pipeline finds the codec by its assembly-qualified name, so the codec's assembly must be referenced by the application.</remarks>
public interface IRawDownscalerCodec
{
    /// <summary>Rebuilds the model.</summary>
    /// <param name="payload">The bytes (their checksum is already verified).</param>
    /// <param name="name">The model's name.</param>
    RawDownscaler Decode(byte[] payload, string name);
}
