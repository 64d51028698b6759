using Downscale.MLNet.Persistence;

namespace Downscale.MLNet.Stages;

/// <summary>
/// A live stage built from a persisted configuration: what the runtime cache shares between an in-memory transformer
/// and the <c>CustomMapping</c> workers of loaded pipelines. <see cref="ImageStage"/> computes from images,
/// <see cref="Raw.RawStage"/> from RAW frames and paths.
/// </summary>
/// <param name="config">The configuration the stage was built from.</param>
/// <param name="inputColumns">The user's names of the input columns, in input order (for messages).</param>
internal abstract class PersistedStage(StageConfig config, IReadOnlyList<string> inputColumns)
{
    /// <summary>The configuration the stage was built from.</summary>
    public StageConfig Config { get; } = config;

    /// <summary>The user's names of the input columns, in input order (for messages).</summary>
    public IReadOnlyList<string> InputColumns { get; } = inputColumns;
}
