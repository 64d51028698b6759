using Downscale.Core.Imaging;

namespace Downscale.Core.Tiling;

/// <summary>How <see cref="TiledInference"/> cuts an image into tiles, how many it runs at once, and how it treats sizes the scale does not divide.</summary>
/// <remarks>
/// <para>
/// Tile size: <see cref="TileSize"/>, <see cref="MaxTileMegapixels"/> and <see cref="MemoryBudgetBytes"/> are limits,
/// and every limit that is set holds. When none is set, <see cref="Defaults.MemoryBudgetBytes"/> applies. The two area
/// limits count the padded tile (core plus halo), which is what the model sees. Within the limits tiles are as large as
/// possible, and the image is split into near-equal tiles.
/// </para>
/// <para>Invalid values are refused when set, with an <see cref="ArgumentOutOfRangeException"/> naming the property.</para>
/// </remarks>
public sealed record TilingOptions
{
    private readonly int? tileSize;
    private readonly double? maxTileMegapixels;
    private readonly long? memoryBudgetBytes;
    private readonly int degreeOfParallelism = Defaults.DegreeOfParallelism;
    private readonly SizePolicy sizePolicy = Defaults.SizePolicy;

    /// <summary>
    /// Largest tile core (the part whose output is kept) in HR pixels per side; rounded down to a multiple of the scale,
    /// which it must not be smaller than. Null: no explicit limit.
    /// </summary>
    public int? TileSize
    {
        get => tileSize;
        init => tileSize = value is null or > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(TileSize), value, "TileSize must be a positive number of HR pixels (or null for no limit).");
    }

    /// <summary>Largest padded tile (core plus halo) in megapixels (10^6 HR pixels). Null: no explicit limit.</summary>
    public double? MaxTileMegapixels
    {
        get => maxTileMegapixels;
        init => maxTileMegapixels = value is null || (double.IsFinite(value.Value) && value.Value > 0)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxTileMegapixels), value, "MaxTileMegapixels must be a positive finite number (or null for no limit).");
    }

    /// <summary>
    /// Working memory, in bytes, that all tiles in flight together may use, estimated with the model's
    /// <see cref="ITileDownscaler.BytesPerHrPixel"/>. It excludes the caller's HR input and the LR output. Null: no
    /// explicit limit (but see the remarks on <see cref="Defaults.MemoryBudgetBytes"/>).
    /// </summary>
    public long? MemoryBudgetBytes
    {
        get => memoryBudgetBytes;
        init => memoryBudgetBytes = value is null or > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MemoryBudgetBytes), value, "MemoryBudgetBytes must be a positive number of bytes (or null).");
    }

    /// <summary>
    /// Tiles run at once, each with its own input buffer. Keep 1 for engines that are multi-threaded themselves
    /// (libtorch, ONNX Runtime); more pays for single-threaded models. The memory budget is shared between them.
    /// </summary>
    public int DegreeOfParallelism
    {
        get => degreeOfParallelism;
        init => degreeOfParallelism = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(DegreeOfParallelism), value, "DegreeOfParallelism must be at least 1.");
    }

    /// <summary>What to do when the scale does not divide the image's height or width. Default: <see cref="SizePolicy.Fail"/>.</summary>
    public SizePolicy SizePolicy
    {
        get => sizePolicy;
        init => sizePolicy = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(SizePolicy), value, $"SizePolicy must be one of {string.Join(", ", Enum.GetNames<SizePolicy>())}.");
    }

    /// <summary>
    /// Optional extra input planes for models that need more than the image (e.g. normalised pixel coordinates for a
    /// field-aware model). Called once per run with the HR image's height and width; it returns C' x H x W planes of the
    /// <em>whole</em> image, which are appended to the image's channels and then aligned and cut exactly like them, so
    /// every tile carries the true values of its pixels. They are held whole for the run (C' x H x W x 4 bytes).
    /// </summary>
    public Func<int, int, PlanarImage>? ExtraPlanes { get; init; }

    /// <summary>Defaults of <see cref="TilingOptions"/>.</summary>
    public static class Defaults
    {
        /// <summary>
        /// 512 MiB of tiling working memory, used only when no tile limit is set: large tiles (few halo overlaps) that
        /// still keep a 24-megapixel job far below the memory a whole-image pass needs.
        /// </summary>
        public const long MemoryBudgetBytes = 512L * 1024 * 1024;

        /// <summary>One tile at a time: the engines parallelise inside a tile.</summary>
        public const int DegreeOfParallelism = 1;

        /// <summary>
        /// <see cref="SizePolicy.Fail"/>: silently cropping or padding would shift the output's geometry against any
        /// ground truth, so the caller chooses.
        /// </summary>
        public const SizePolicy SizePolicy = Tiling.SizePolicy.Fail;
    }
}
