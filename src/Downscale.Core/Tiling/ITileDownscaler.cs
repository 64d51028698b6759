using Downscale.Core.Imaging;

namespace Downscale.Core.Tiling;

/// <summary>
/// A downscaler by an integer factor that can run on one tile of an image at a time: the engine-neutral face that
/// <see cref="TiledInference"/> drives (TorchSharp modules and ONNX Runtime sessions both sit behind it).
/// </summary>
/// <remarks>
/// <para>
/// Tiling is exact only for local operators: every LR pixel must depend on HR pixels within <see cref="HaloHr"/> of its
/// footprint, and the model must treat a tile's edges the way it treats the image's edges (zero, replicate or reflection
/// padding all qualify). Global operations (instance normalisation, global pooling, attention over the whole image)
/// cannot be tiled exactly.
/// </para>
/// <para>
/// <see cref="Run"/> is called with tiles whose height and width are multiples of <see cref="Scale"/>. When
/// <see cref="TilingOptions.DegreeOfParallelism"/> is above 1 it is called concurrently and must be thread-safe. The
/// tiler reuses the tile's buffer after <see cref="Run"/> returns, so an implementation must not keep the tile.
/// </para>
/// </remarks>
public interface ITileDownscaler
{
    /// <summary>The integer downscaling factor: a tile of h x w HR pixels yields (h / Scale) x (w / Scale) LR pixels.</summary>
    int Scale { get; }

    /// <summary>
    /// The receptive-field radius in HR pixels: how far beyond an LR pixel's own Scale x Scale footprint the HR pixels
    /// that influence it may lie. The tiler gives each tile at least this much real neighbourhood on every interior side.
    /// </summary>
    int HaloHr { get; }

    /// <summary>
    /// Estimated peak working memory, in bytes, per HR pixel of a tile (the tile's input, intermediate activations and
    /// output together). <see cref="TilingOptions.MemoryBudgetBytes"/> is divided by it to size the tiles.
    /// </summary>
    long BytesPerHrPixel { get; }

    /// <summary>Downscales one tile.</summary>
    /// <param name="hrTile">C x h x w, with h and w multiples of <see cref="Scale"/>; not to be kept after the call.</param>
    /// <returns>A new C' x (h / Scale) x (w / Scale) image that the caller owns.</returns>
    PlanarImage Run(PlanarImage hrTile);
}
