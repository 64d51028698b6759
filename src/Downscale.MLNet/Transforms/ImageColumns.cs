using Downscale.MLNet.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace Downscale.MLNet.Transforms;

/// <summary>
/// Checks the image columns a stage reads, on a schema alone, with messages that name the column, the stage, what was
/// found and what is expected. Thrown as <see cref="ArgumentOutOfRangeException"/>, as ML.NET's own schema mismatches are.
/// </summary>
internal static class ImageColumns
{
    /// <summary>The geometry of image column <paramref name="name"/> of <paramref name="inputSchema"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or is not an image column.</exception>
    public static ImageGeometry Require(DataViewSchema inputSchema, string name, string stage, string role)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        DataViewSchema.Column? column = inputSchema.GetColumnOrNull(name);
        if (column is null)
        {
            throw Missing(nameof(inputSchema), name, stage, role, inputSchema.Where(c => !c.IsHidden).Select(c => c.Name));
        }

        return column.Value.Type is ImageDataViewType image
            ? new ImageGeometry(image.Height, image.Width)
            : throw Mistyped(nameof(inputSchema), name, stage, role, column.Value.Type.ToString() ?? "?");
    }

    /// <summary>The geometry of image column <paramref name="name"/> of <paramref name="inputSchema"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or is not an image column.</exception>
    public static ImageGeometry Require(SchemaShape inputSchema, string name, string stage, string role)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (ShapeColumns.Find(inputSchema, name) is not { } column)
        {
            throw Missing(nameof(inputSchema), name, stage, role, inputSchema.Select(c => c.Name));
        }

        return column.Kind == SchemaShape.Column.VectorKind.Scalar && column.ItemType is ImageDataViewType image
            ? new ImageGeometry(image.Height, image.Width)
            : throw Mistyped(nameof(inputSchema), name, stage, role, column.Kind == SchemaShape.Column.VectorKind.Scalar ? column.ItemType.ToString() ?? "?" : $"a vector of {column.ItemType}");
    }

    /// <summary>Checks that a column has the size the stage was fitted on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sizes differ.</exception>
    public static void RequireFitted(ImageGeometry found, ImageGeometry fitted, string name, string stage, string paramName)
    {
        if (found != fitted)
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                $"{stage}: column '{name}' is {Describe(found)}, but this transformer was fitted on {Describe(fitted)}. Fit the estimator on data of this shape.");
        }
    }

    private static string Describe(ImageGeometry geometry) =>
        geometry.IsKnown ? $"Image<{geometry.Height}, {geometry.Width}>" : "an image column of any size";

    private static ArgumentOutOfRangeException Missing(string paramName, string name, string stage, string role, IEnumerable<string> present) =>
        new(paramName, $"{stage}: the {role} column '{name}' is not in the input. Columns present: {string.Join(", ", present.Distinct())}.");

    private static ArgumentOutOfRangeException Mistyped(string paramName, string name, string stage, string role, string found) =>
        new(paramName, $"{stage}: the {role} column '{name}' is {found}, but an image column is needed (for example the output of LoadImages or ResizeImages).");
}
