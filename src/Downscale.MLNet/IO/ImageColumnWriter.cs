using Downscale.Core.Imaging;
using Downscale.MLNet.Imaging;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.IO;

/// <summary>
/// Writes an image column to files, one per row, each atomically (<see cref="ImageFile.Write"/> through
/// <c>AtomicFile</c>): a crash never leaves a half-written image under its final name. Rows are read in order on the
/// caller's thread (so upstream stages compute as usual) and encoded on up to <c>degreeOfParallelism</c> threads.
/// </summary>
internal static class ImageColumnWriter
{
    /// <summary>Writes every row's image; returns the paths in row order.</summary>
    public static IReadOnlyList<string> Write(
        IDataView data, string imageColumnName, string outputFolder, string fileNameColumnName, ImageWriteOptions options, int degreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        DataViewSchema.Column image = RequireColumn(data.Schema, imageColumnName, "image", static t => t is Microsoft.ML.Transforms.Image.ImageDataViewType);
        DataViewSchema.Column name = RequireColumn(data.Schema, fileNameColumnName, "file name", static t => t is TextDataViewType);
        string extension = options.Format switch
        {
            ImageFileFormat.Jpeg => ".jpg",
            _ => ".png",
        };

        Directory.CreateDirectory(outputFolder);
        using DataViewRowCursor cursor = data.GetRowCursor([image, name]);
        ValueGetter<MLImage> imageGetter = cursor.GetGetter<MLImage>(image);
        ValueGetter<ReadOnlyMemory<char>> nameGetter = cursor.GetGetter<ReadOnlyMemory<char>>(name);
        var paths = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var writes = new Queue<Task>();
        int limit = degreeOfParallelism == 0 ? Environment.ProcessorCount : degreeOfParallelism;
        try
        {
            MLImage? value = null;
            ReadOnlyMemory<char> fileName = default;
            while (cursor.MoveNext())
            {
                imageGetter(ref value!);
                nameGetter(ref fileName);
                string path = Path.Combine(outputFolder, FileName(fileName.ToString(), extension, cursor.Position));
                if (!seen.Add(path))
                {
                    throw new InvalidOperationException($"Two rows would write '{path}': the values of column '{fileNameColumnName}' must be unique.");
                }

                PlanarImage planes = value?.ToPlanarImage() ?? throw new InvalidOperationException($"Column '{imageColumnName}' holds no image in row {cursor.Position}.");
                paths.Add(path);
                if (writes.Count >= limit)
                {
                    writes.Dequeue().GetAwaiter().GetResult();
                }

                writes.Enqueue(Task.Run(() => ImageFile.Write(path, planes, options)));
            }
        }
        finally
        {
            // Let every started write finish (the first error is rethrown below, after the others are done).
            Task.WaitAll([.. writes.Select(w => w.ContinueWith(static _ => { }, TaskScheduler.Default))]);
        }

        foreach (Task write in writes)
        {
            write.GetAwaiter().GetResult();
        }

        return paths;
    }

    private static string FileName(string value, string extension, long row)
    {
        string file = Path.GetFileName(value.Trim());
        if (file.Length == 0)
        {
            throw new InvalidOperationException($"Row {row} has an empty file name.");
        }

        return Path.HasExtension(file) && !file.EndsWith('.') ? Path.ChangeExtension(file, extension) : file + extension;
    }

    private static DataViewSchema.Column RequireColumn(DataViewSchema schema, string name, string role, Func<DataViewType, bool> accepts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        DataViewSchema.Column column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(nameof(name), $"SaveImages: the {role} column '{name}' is not in the data. Columns present: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}.");
        return accepts(column.Type)
            ? column
            : throw new ArgumentOutOfRangeException(nameof(name), $"SaveImages: the {role} column '{name}' is {column.Type}, which is not a{(role == "image" ? "n image" : " text")} column.");
    }
}
