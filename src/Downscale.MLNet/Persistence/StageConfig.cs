using System.Text.Json.Serialization;
using Downscale.Core.Tiling;

namespace Downscale.MLNet.Persistence;

/// <summary>The size of an image column: both zero when the column's images may have any size.</summary>
/// <param name="Height">Rows, or 0 when unknown.</param>
/// <param name="Width">Columns, or 0 when unknown.</param>
internal readonly record struct ImageGeometry(int Height, int Width)
{
    /// <summary>The geometry of an image column of unknown size.</summary>
    public static ImageGeometry Unknown => default;

    /// <summary>True when every image of the column has this size (<c>Image&lt;h, w&gt;</c>).</summary>
    [JsonIgnore]
    public bool IsKnown => Height > 0 && Width > 0;
}

/// <summary>
/// Everything a persisted stage needs to compute its rows in a fresh process: written as JSON into the saved model
/// (see <see cref="StageConfigText"/>), read back by the stage's <c>CustomMapping</c> worker.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "stage")]
[JsonDerivedType(typeof(DownscaleStageConfig), "downscale")]
[JsonDerivedType(typeof(FidelityStageConfig), "fidelity")]
[JsonDerivedType(typeof(Raw.RawLoadStageConfig), "raw-load")]
[JsonDerivedType(typeof(Raw.RawDownscaleStageConfig), "raw-downscale")]
[JsonDerivedType(typeof(Raw.RawPreviewStageConfig), "raw-preview")]
[JsonDerivedType(typeof(Raw.RawFidelityStageConfig), "raw-fidelity")]
internal abstract record StageConfig
{
    /// <summary>The geometry of each input image column when the stage was fitted (in the worker's input order).</summary>
    public required IReadOnlyList<ImageGeometry> Inputs { get; init; }
}

/// <summary>The persisted settings of a downscaling stage.</summary>
internal sealed record DownscaleStageConfig : StageConfig
{
    /// <summary>The user's input column (for messages).</summary>
    public required string InputColumn { get; init; }

    /// <summary>The classic method's name (<see cref="Core.Resampling.ClassicDownscalers"/>); null for a learned model.</summary>
    public string? Method { get; init; }

    /// <summary>The downscaling factor (ignored when a fixed output size is set).</summary>
    public double Scale { get; init; }

    /// <summary>Fixed output width, or null to scale.</summary>
    public int? Width { get; init; }

    /// <summary>Fixed output height, or null to scale.</summary>
    public int? Height { get; init; }

    /// <summary>What a learned model does with sizes its scale does not divide.</summary>
    public SizePolicy SizePolicy { get; init; }

    /// <summary>Tile limit of learned inference (<see cref="TilingOptions.TileSize"/>).</summary>
    public int? TileSize { get; init; }

    /// <summary>Tile limit of learned inference (<see cref="TilingOptions.MaxTileMegapixels"/>).</summary>
    public double? MaxTileMegapixels { get; init; }

    /// <summary>Memory budget of learned inference (<see cref="TilingOptions.MemoryBudgetBytes"/>).</summary>
    public long? MemoryBudgetBytes { get; init; }

    /// <summary>Tiles run at once within one image (<see cref="TilingOptions.DegreeOfParallelism"/>).</summary>
    public int TileParallelism { get; init; } = 1;

    /// <summary>Threads of one classic resize (-1: all cores).</summary>
    public int ThreadsPerImage { get; init; } = -1;

    /// <summary>The learned model, or null for a classic method.</summary>
    public LearnedModelConfig? Model { get; init; }
}

/// <summary>A learned model inside a persisted stage.</summary>
internal sealed record LearnedModelConfig
{
    /// <summary>Assembly-qualified name of the <see cref="Learned.ILearnedDownscalerCodec"/> that rebuilds the model; null for an in-process model.</summary>
    public string? Codec { get; init; }

    /// <summary>The model's display name.</summary>
    public required string Name { get; init; }

    /// <summary>The model's integer scale.</summary>
    public int Scale { get; init; }

    /// <summary>SHA-256 of the payload bytes (hex), checked before the codec sees them.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The model bytes (base64), as the codec wrote them.</summary>
    public string? Payload { get; init; }

    /// <summary>Identifies a model that lives only in this process (not saveable).</summary>
    public string? InProcessId { get; init; }
}

/// <summary>The persisted settings of a fidelity (PSNR/SSIM) stage.</summary>
internal sealed record FidelityStageConfig : StageConfig
{
    /// <summary>The user's prediction column (for messages).</summary>
    public required string PredictionColumn { get; init; }

    /// <summary>The user's target column (for messages).</summary>
    public required string TargetColumn { get; init; }

    /// <summary>Pixels removed from each border before scoring.</summary>
    public int CropBorder { get; init; }

    /// <summary>Quantize to 8 bits before scoring (<see cref="Core.Metrics.QualityOptions.QuantizeTo8Bit"/>).</summary>
    public bool QuantizeTo8Bit { get; init; } = true;

    /// <summary>The data range (<see cref="Core.Metrics.QualityOptions.DataRange"/>).</summary>
    public double DataRange { get; init; } = 255;
}
