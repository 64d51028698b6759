using System.Text.Json.Serialization;
using Downscale.Core.Raw;
using Downscale.MLNet.Persistence;

namespace Downscale.MLNet.Raw;

/// <summary>The persisted settings of <c>LoadRawFrames</c>.</summary>
internal sealed record RawLoadStageConfig : StageConfig
{
    /// <summary>The user's path column (for messages).</summary>
    public required string InputColumn { get; init; }
}

/// <summary>The persisted settings of <c>DownscaleRaw</c>.</summary>
internal sealed record RawDownscaleStageConfig : StageConfig
{
    /// <summary>The user's RAW input column (for messages).</summary>
    public required string InputColumn { get; init; }

    /// <summary>m of the scale m/n.</summary>
    public int ScaleInput { get; init; }

    /// <summary>n of the scale m/n.</summary>
    public int ScaleOutput { get; init; }

    /// <summary>The scale.</summary>
    [JsonIgnore]
    public RationalScale Scale => new(ScaleInput, ScaleOutput);

    /// <summary>The classic method's name for a RAW interpolation baseline; null for a learned model.</summary>
    public string? Method { get; init; }

    /// <summary>Where the interpolation runs.</summary>
    public RawInterpolationDomain Domain { get; init; }

    /// <summary>The learned RAW model, or null for interpolation.</summary>
    public LearnedModelConfig? Model { get; init; }
}

/// <summary>The persisted settings of <c>RenderRawPreview</c>.</summary>
internal sealed record RawPreviewStageConfig : StageConfig
{
    /// <summary>The user's RAW input column (for messages).</summary>
    public required string InputColumn { get; init; }
}

/// <summary>The persisted settings of <c>ComputeRawFidelity</c>.</summary>
internal sealed record RawFidelityStageConfig : StageConfig
{
    /// <summary>The user's predicted RAW column (for messages).</summary>
    public required string PredictionColumn { get; init; }

    /// <summary>The user's ground-truth RAW column (for messages).</summary>
    public required string TargetColumn { get; init; }

    /// <summary>LR pixels removed from each border before scoring.</summary>
    public int CropBorder { get; init; }
}
