using Downscale.MLNet.Persistence.Workers;
using Downscale.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Raw;

/// <summary>What a RAW stage reads from a column.</summary>
internal enum RawInputKind
{
    /// <summary>A text column of file paths.</summary>
    Path,

    /// <summary>A RAW frame column (<see cref="RawFrameDataViewType"/>).</summary>
    Frame,
}

/// <summary>
/// Checks the columns a RAW stage reads, on a schema alone, naming the stage, the column, what was found and what is
/// expected (<see cref="ArgumentOutOfRangeException"/>, as ML.NET's own schema mismatches); and makes the RAW column of
/// schema propagation.
/// </summary>
internal static class RawColumns
{
    private static readonly MLContext Context = new(seed: 0);

    /// <summary>Checks column <paramref name="name"/> of a schema.</summary>
    public static void Require(DataViewSchema inputSchema, string name, RawInputKind kind, string stage, string role)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        DataViewSchema.Column column = inputSchema.GetColumnOrNull(name)
            ?? throw Missing(nameof(inputSchema), name, stage, role, inputSchema.Where(c => !c.IsHidden).Select(c => c.Name));
        if (!Fits(column.Type, kind))
        {
            throw Mistyped(nameof(inputSchema), name, kind, stage, role, column.Type.ToString() ?? "?");
        }
    }

    /// <summary>Checks column <paramref name="name"/> of a schema shape.</summary>
    public static void Require(SchemaShape inputSchema, string name, RawInputKind kind, string stage, string role)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        SchemaShape.Column column = ShapeColumns.Find(inputSchema, name)
            ?? throw Missing(nameof(inputSchema), name, stage, role, inputSchema.Select(c => c.Name));
        if (column.Kind != SchemaShape.Column.VectorKind.Scalar || !Fits(column.ItemType, kind))
        {
            throw Mistyped(nameof(inputSchema), name, kind, stage, role, column.Kind == SchemaShape.Column.VectorKind.Scalar ? column.ItemType.ToString() ?? "?" : $"a vector of {column.ItemType}");
        }
    }

    /// <summary>A RAW frame column for schema propagation.</summary>
    public static SchemaShape.Column Shape(string name)
    {
        RawFrameDataViewType.EnsureRegistered();
        var estimator = Context.Transforms.CustomMapping<StageKeyInput, RawOutputRow>(static (_, _) => { }, contractName: null)
            .Append(Context.Transforms.CopyColumns(name, StageColumns.RawOutput));
        return ShapeColumns.Find(estimator.GetOutputSchema(new SchemaShape([])), name)
            ?? throw new InvalidOperationException($"Schema propagation did not produce column '{name}'.");
    }

    private static bool Fits(DataViewType type, RawInputKind kind) =>
        kind == RawInputKind.Path ? type is TextDataViewType : type is RawFrameDataViewType;

    private static ArgumentOutOfRangeException Missing(string paramName, string name, string stage, string role, IEnumerable<string> present) =>
        new(paramName, $"{stage}: the {role} column '{name}' is not in the input. Columns present: {string.Join(", ", present.Distinct())}.");

    private static ArgumentOutOfRangeException Mistyped(string paramName, string name, RawInputKind kind, string stage, string role, string found) =>
        new(paramName, kind == RawInputKind.Path
            ? $"{stage}: the {role} column '{name}' is {found}, but a text column of RAW file paths is needed."
            : $"{stage}: the {role} column '{name}' is {found}, but a RAW frame column is needed (the output of LoadRawFrames or DownscaleRaw).");
}
