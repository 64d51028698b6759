using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace Downscale.MLNet.Tests.Hosting;

/// <summary>Input rows of the save/load tests: paths for LoadImages.</summary>
public sealed class PathPair
{
    /// <summary>An HR image path.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>An LR image path (may be empty).</summary>
    public string LrPath { get; set; } = string.Empty;
}

/// <summary>
/// Applies a pipeline to rows and writes every visible output column to a folder in an exact form (image pixels as raw
/// bytes, doubles as round-trip text), so two processes' outputs can be compared byte for byte.
/// </summary>
public static class PipelineDump
{
    /// <summary>Reads the rows from <paramref name="inputsJson"/>, transforms them and dumps the result into <paramref name="folder"/>.</summary>
    public static void Write(MLContext mlContext, ITransformer model, string inputsJson, string folder, bool predictionEngine)
    {
        PathPair[] rows = JsonSerializer.Deserialize<PathPair[]>(File.ReadAllText(inputsJson)) ?? [];
        IDataView input = mlContext.Data.LoadFromEnumerable(rows);
        Directory.CreateDirectory(folder);
        if (predictionEngine)
        {
            // PredictionEngine goes through the row-to-row mapper: dump one output row per input with the same layout.
            IDataView output = model.Transform(input);
            Dump(Rows(mlContext, model, rows), output.Schema, folder);
            return;
        }

        IDataView transformed = model.Transform(input);
        Dump(Rows(transformed), transformed.Schema, folder);
    }

    /// <summary>Every visible column of <paramref name="schema"/> as a name -> per-row value list.</summary>
    public static Dictionary<string, List<string>> Read(string folder) =>
        JsonSerializer.Deserialize<Dictionary<string, List<string>>>(File.ReadAllText(Path.Combine(folder, "columns.json")))!;

    /// <summary>The dump of an in-memory view (for the saving process).</summary>
    public static Dictionary<string, List<string>> Describe(IDataView view)
    {
        string folder = Path.Combine(Path.GetTempPath(), "downscale-tests", Guid.NewGuid().ToString("N"));
        Dump(Rows(view), view.Schema, folder);
        var result = Read(folder);
        Directory.Delete(folder, recursive: true);
        return result;
    }

    private static IEnumerable<Func<DataViewSchema.Column, string>> Rows(IDataView view)
    {
        DataViewSchema.Column[] columns = [.. view.Schema.Where(c => !c.IsHidden)];
        using DataViewRowCursor cursor = view.GetRowCursor(columns);
        while (cursor.MoveNext())
        {
            var values = columns.ToDictionary(c => c.Index, c => Format(cursor, c));
            yield return c => values[c.Index];
        }
    }

    private static IEnumerable<Func<DataViewSchema.Column, string>> Rows(MLContext mlContext, ITransformer model, PathPair[] rows)
    {
        // One single-row view per input, as PredictionEngine sees it; the generic engine needs a typed output, so the
        // row-to-row mapper is used directly, which is what PredictionEngine wraps.
        foreach (PathPair row in rows)
        {
            IDataView one = mlContext.Data.LoadFromEnumerable([row]);
            IRowToRowMapper mapper = model.GetRowToRowMapper(one.Schema);
            using DataViewRowCursor cursor = one.GetRowCursor(one.Schema);
            cursor.MoveNext();
            DataViewSchema.Column[] columns = [.. mapper.OutputSchema.Where(c => !c.IsHidden)];
            using DataViewRow mapped = mapper.GetRow(cursor, columns);
            var values = columns.ToDictionary(c => c.Name, c => Format(mapped, c));
            yield return c => values[c.Name];
        }
    }

    private static void Dump(IEnumerable<Func<DataViewSchema.Column, string>> rows, DataViewSchema schema, string folder)
    {
        Directory.CreateDirectory(folder);
        DataViewSchema.Column[] columns = [.. schema.Where(c => !c.IsHidden)];
        var result = columns.ToDictionary(c => c.Name, c => new List<string> { $"type {c.Type}" });
        foreach (var row in rows)
        {
            foreach (DataViewSchema.Column column in columns)
            {
                result[column.Name].Add(row(column));
            }
        }

        File.WriteAllText(Path.Combine(folder, "columns.json"), JsonSerializer.Serialize(result));
    }

    private static string Format(DataViewRow row, DataViewSchema.Column column) => column.Type switch
    {
        ImageDataViewType => Image(row, column),
        Downscale.MLNet.Raw.RawFrameDataViewType => Raw(row, column),
        TextDataViewType => Get<ReadOnlyMemory<char>>(row, column).ToString(),
        NumberDataViewType n when n.RawType == typeof(double) => Get<double>(row, column).ToString("R", CultureInfo.InvariantCulture),
        NumberDataViewType n when n.RawType == typeof(float) => Get<float>(row, column).ToString("R", CultureInfo.InvariantCulture),
        NumberDataViewType n when n.RawType == typeof(int) => Get<int>(row, column).ToString(CultureInfo.InvariantCulture),
        VectorDataViewType { ItemType: NumberDataViewType { RawType: var t } } when t == typeof(float) =>
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Get<VBuffer<float>>(row, column).DenseValues().ToArray().AsSpan()))),
        _ => $"<{column.Type}>",
    };

    private static string Image(DataViewRow row, DataViewSchema.Column column)
    {
        MLImage image = Get<MLImage>(row, column);
        return $"{image.Width}x{image.Height} {image.PixelFormat} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(image.Pixels))}";
    }

    private static string Raw(DataViewRow row, DataViewSchema.Column column)
    {
        Downscale.Core.Raw.RawFrame frame = Get<Downscale.Core.Raw.RawFrame>(row, column);
        byte[] mosaic = System.Runtime.InteropServices.MemoryMarshal.AsBytes(frame.Mosaic.Data.Span).ToArray();
        return $"{frame.Height}x{frame.Width} {frame.Pattern} scale {frame.Metadata.Scale.ToString("R", CultureInfo.InvariantCulture)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(mosaic))}";
    }

    private static T Get<T>(DataViewRow row, DataViewSchema.Column column)
    {
        T value = default!;
        row.GetGetter<T>(column)(ref value);
        return value;
    }
}
