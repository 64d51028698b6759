using Downscale.MLNet.Stages;

namespace Downscale.MLNet.Persistence;

/// <summary>Builds the runtime <see cref="ImageStage"/> that a persisted configuration describes.</summary>
internal static class StageFactory
{
    /// <summary>The stage for <paramref name="config"/>, with its learned model rebuilt when it has one.</summary>
    /// <exception cref="DownscalingModelException">The model cannot be rebuilt.</exception>
    public static PersistedStage Create(StageConfig config) => config switch
    {
        DownscaleStageConfig downscale => new DownscaleStage(downscale, downscale.Model is { } model ? LearnedModelCodecs.Rebuild(model) : null),
        FidelityStageConfig fidelity => new FidelityStage(fidelity),
        Raw.RawLoadStageConfig load => new Raw.RawLoadStage(load),
        Raw.RawDownscaleStageConfig raw => new Raw.RawDownscaleStage(raw, raw.Model is { } model ? Raw.RawModelCodecs.Rebuild(model, raw.Scale) : null),
        Raw.RawPreviewStageConfig preview => new Raw.RawPreviewStage(preview),
        Raw.RawFidelityStageConfig fidelity => new Raw.RawFidelityStage(fidelity),
        _ => throw new DownscalingModelException($"Unknown stage configuration {config.GetType().Name}."),
    };
}
