using Downscale.MLNet.Imaging;
using Downscale.MLNet.Persistence;
using Downscale.MLNet.Persistence.Workers;
using Microsoft.ML;

namespace Downscale.MLNet.Transforms;

/// <summary>
/// Makes <see cref="SchemaShape.Column"/>s for schema propagation. ML.NET 5 keeps <c>SchemaShape.Create</c> and the
/// column's constructor internal, so a third-party estimator cannot describe a new column directly; this runs ML.NET's
/// own estimators' <c>GetOutputSchema</c> from an empty shape instead (no data is read, nothing is fitted).
/// </summary>
internal static class ShapeColumns
{
    private static readonly MLContext Context = new(seed: 0);

    /// <summary>An image column, of fixed size when <paramref name="geometry"/> is known.</summary>
    public static SchemaShape.Column Image(string name, ImageGeometry geometry)
    {
        ImageTypeRegistration.EnsureRegistered();
        var image = Context.Transforms.CustomMapping<StageKeyInput, ImageOutputRow>(static (_, _) => { }, contractName: null);
        IEstimator<ITransformer> estimator = geometry.IsKnown
            ? image.Append(Context.Transforms.ResizeImages(name, geometry.Width, geometry.Height, StageColumns.ImageOutput))
            : image.Append(Context.Transforms.CopyColumns(name, StageColumns.ImageOutput));
        return Get(estimator.GetOutputSchema(new SchemaShape([])), name);
    }

    /// <summary>A column of doubles.</summary>
    public static SchemaShape.Column Double(string name)
    {
        var estimator = Context.Transforms.CustomMapping<StageKeyInput, FidelityOutputRow>(static (_, _) => { }, contractName: null)
            .Append(Context.Transforms.CopyColumns(name, StageColumns.PsnrRgb));
        return Get(estimator.GetOutputSchema(new SchemaShape([])), name);
    }

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public static SchemaShape.Column? Find(SchemaShape shape, string name)
    {
        foreach (SchemaShape.Column column in shape)
        {
            if (column.Name == name)
            {
                return column;
            }
        }

        return null;
    }

    /// <summary><paramref name="input"/> with <paramref name="added"/> columns, replacing columns of the same name (as ML.NET's estimators do).</summary>
    public static SchemaShape With(SchemaShape input, IEnumerable<SchemaShape.Column> added)
    {
        var result = input.ToDictionary(c => c.Name);
        foreach (SchemaShape.Column column in added)
        {
            result[column.Name] = column;
        }

        return new SchemaShape(result.Values);
    }

    private static SchemaShape.Column Get(SchemaShape shape, string name) =>
        Find(shape, name) ?? throw new InvalidOperationException($"Schema propagation did not produce column '{name}'.");
}
