using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.Onnx.Runtime;

namespace Downscale.MLNet.Learned;

/// <summary>
/// A learned downscaler that the downscaling stage runs tile by tile (<see cref="TiledInference"/>): any
/// <see cref="ITileDownscaler"/> engine (ONNX Runtime, TorchSharp, or your own) behind one face.
/// </summary>
/// <remarks>
/// <para>Implementations must be thread-safe: a stage downscales several rows at once with one instance.</para>
/// <para>
/// Saving: a model that can describe itself as bytes (<see cref="GetPayload"/>) is stored inside the saved ML.NET model
/// and rebuilt in a fresh process by its <see cref="ILearnedDownscalerCodec"/>. ONNX models are (the default engine,
/// without TorchSharp); TorchSharp ADK-Net models are too, through Downscale.MLNet.Torch. A model made from an arbitrary
/// <see cref="ITileDownscaler"/> (<see cref="FromTileDownscaler(ITileDownscaler, string)"/>) runs but cannot be saved.
/// </para>
/// </remarks>
public abstract class LearnedDownscaler
{
    /// <summary>The name used in tables and messages (for example <c>adknet-x4</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The integer downscaling factor.</summary>
    public abstract int Scale { get; }

    /// <summary>Downscales a whole RGB image tile by tile; called concurrently for different rows.</summary>
    /// <param name="hr">The RGB image (3 planes).</param>
    /// <param name="tiling">Tile limits, memory budget and the size policy.</param>
    /// <returns>The LR image (3 planes).</returns>
    public abstract PlanarImage Downscale(PlanarImage hr, TilingOptions tiling);

    /// <summary>The bytes and codec that rebuild this model in another process, or null when it cannot be saved.</summary>
    public virtual LearnedDownscalerPayload? GetPayload() => null;

    /// <summary>Wraps a tile engine that already exists. The result runs in pipelines but cannot be saved.</summary>
    /// <param name="model">A thread-safe tile downscaler (for example <c>AdkNetInference.AsTileDownscaler</c> or an ONNX Runtime one).</param>
    /// <param name="name">Its name in tables and messages.</param>
    public static LearnedDownscaler FromTileDownscaler(ITileDownscaler model, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new TileEngineDownscaler(name, model.Scale, () => model);
    }

    /// <summary>
    /// Wraps a factory of tile engines, called once, on first use (so a pipeline that is built but never read loads no
    /// model). The result runs in pipelines but cannot be saved.
    /// </summary>
    /// <param name="scale">The engine's scale, needed before the engine exists (schema propagation).</param>
    /// <param name="name">Its name in tables and messages.</param>
    /// <param name="factory">Creates the thread-safe engine; its scale must equal <paramref name="scale"/>.</param>
    public static LearnedDownscaler FromTileDownscaler(int scale, string name, Func<ITileDownscaler> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new TileEngineDownscaler(name, scale, factory);
    }

    /// <summary>
    /// An ONNX downscaler (exported ADK-Net, or any model that follows <c>OnnxDownscalerContract</c>) scored by ONNX
    /// Runtime: the default engine of learned downscaling, which needs no TorchSharp. The model's bytes travel inside a
    /// saved pipeline, so a scoring-only application loads it back.
    /// </summary>
    /// <param name="path">The <c>.onnx</c> file.</param>
    /// <param name="options">ONNX Runtime session options (threads, graph optimisation, execution provider); null for the defaults. A loaded pipeline uses the defaults.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OnnxModelFormatException">The file is empty, corrupt or truncated, or is not an image downscaler.</exception>
    public static LearnedDownscaler FromOnnx(string path, OnnxScoringOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The ONNX model '{path}' does not exist.", path);
        }

        return OnnxModelCodec.Create(File.ReadAllBytes(path), Path.GetFileNameWithoutExtension(path), options);
    }

    /// <summary>An ONNX downscaler from the model's bytes (for example an export made in memory); see <see cref="FromOnnx(string, OnnxScoringOptions?)"/>.</summary>
    /// <param name="model">The serialized ONNX model.</param>
    /// <param name="name">Its name in tables and messages.</param>
    /// <param name="options">ONNX Runtime session options; null for the defaults.</param>
    /// <exception cref="OnnxModelFormatException">The bytes are not an ONNX image downscaler.</exception>
    public static LearnedDownscaler FromOnnx(byte[] model, string name, OnnxScoringOptions? options = null) => OnnxModelCodec.Create(model, name, options);

    /// <inheritdoc />
    public override string ToString() => $"{Name} (x{Scale})";
}

/// <summary>A saveable model's bytes and the codec type that turns them back into a <see cref="LearnedDownscaler"/>.</summary>
/// <param name="Codec">A public type implementing <see cref="ILearnedDownscalerCodec"/> with a parameterless constructor.</param>
/// <param name="Bytes">The model bytes.</param>
public sealed record LearnedDownscalerPayload(Type Codec, byte[] Bytes);

/// <summary>Rebuilds a <see cref="LearnedDownscaler"/> from the bytes that its <see cref="LearnedDownscaler.GetPayload"/> wrote.</summary>
/// <remarks>A loaded pipeline finds the codec by its assembly-qualified name, so the codec's assembly must be referenced by the application.</remarks>
public interface ILearnedDownscalerCodec
{
    /// <summary>Rebuilds the model.</summary>
    /// <param name="payload">The bytes (their checksum is already verified).</param>
    /// <param name="name">The model's name.</param>
    LearnedDownscaler Decode(byte[] payload, string name);
}
