using Downscale.Core.Imaging;
using Downscale.MLNet.Persistence;

namespace Downscale.MLNet.Stages;

/// <summary>
/// The per-row computation of one of our stages, shared by the in-memory transformer (rows in parallel) and by the
/// persisted <c>CustomMapping</c> worker of a loaded model (row by row), so both give identical outputs.
/// </summary>
/// <remarks>Thread-safe: <see cref="Compute"/> is called concurrently for different rows.</remarks>
internal abstract class ImageStage(StageConfig config, IReadOnlyList<string> inputColumns) : PersistedStage(config, inputColumns)
{
    /// <summary>Computes one row's outputs from its decoded input images.</summary>
    /// <returns>The stage's result object (an <c>MLImage</c> or <c>FidelityScores</c>).</returns>
    public abstract object Compute(IReadOnlyList<PlanarImage> inputs);
}
