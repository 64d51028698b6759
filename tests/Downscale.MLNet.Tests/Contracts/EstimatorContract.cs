using Downscale.MLNet.Tests.Hosting;
using Downscale.Tests;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Tests.Contracts;

/// <summary>An input that an estimator must refuse, and the column its message must name.</summary>
/// <param name="Data">The input.</param>
/// <param name="Column">The missing or mistyped column.</param>
internal sealed record MustFail(IDataView Data, string Column);

/// <summary>
/// The contract every one of our estimators meets (ML.NET's own test suites check the same with one helper):
/// schema propagation agrees between estimator, transformer and data; wrong inputs fail early, naming the column;
/// Fit reads no row (a trainer's Fit reads its data, and nothing after it); Transform computes nothing until a cursor
/// asks and only for the columns asked; a save/load round trip through mlContext.Model gives identical outputs.
/// </summary>
internal static class EstimatorContract
{
    /// <param name="estimator">The estimator.</param>
    /// <param name="valid">A small valid input (its image columns computed lazily from paths).</param>
    /// <param name="invalid">Inputs that must fail.</param>
    /// <param name="outputColumns">The columns the estimator adds.</param>
    /// <param name="sourceColumn">An input column that the stage reads (counted to prove laziness).</param>
    /// <param name="fitReadsRows">A trainer: Fit must read the data (it trains on it); GetOutputSchema and Transform still read nothing.</param>
    public static void Check<TTransformer>(
        IEstimator<TTransformer> estimator, IDataView valid, IReadOnlyList<MustFail> invalid, IReadOnlyList<string> outputColumns, string sourceColumn,
        bool fitReadsRows = false)
        where TTransformer : class, ITransformer
    {
        var counting = new CountingDataView(valid);

        // Schema propagation, on the schema alone.
        SchemaShape shape = estimator.GetOutputSchema(ShapeProbe.Of(valid));
        TTransformer transformer = estimator.Fit(counting);
        long fitCursors = counting.Cursors, fitFetched = counting.Fetched(sourceColumn);
        Assert.Equal(fitReadsRows, fitCursors > 0);
        DataViewSchema schema = transformer.GetOutputSchema(valid.Schema);
        IDataView transformed = transformer.Transform(counting);
        Assert.Equal(fitCursors, counting.Cursors); // GetOutputSchema and Transform read nothing (nor does Fit, unless it trains).
        foreach (string name in outputColumns)
        {
            SchemaShape.Column column = shape.Single(c => c.Name == name);
            Assert.Equal(schema[name].Type, column.ItemType);
            Assert.Equal(schema[name].Type, transformed.Schema[name].Type);
        }

        Assert.Equal(schema.Select(c => (c.Name, c.IsHidden)), transformed.Schema.Select(c => (c.Name, c.IsHidden)));

        // Only active columns: a cursor over the pass-through columns decodes no image.
        DataViewSchema.Column[] passThrough = [.. transformed.Schema.Where(c => !c.IsHidden && !outputColumns.Contains(c.Name) && c.Name != sourceColumn)];
        using (DataViewRowCursor cursor = transformed.GetRowCursor(passThrough))
        {
            while (cursor.MoveNext())
            {
            }
        }

        Assert.Equal(fitFetched, counting.Fetched(sourceColumn));

        // Reading the outputs reads each row's input once.
        long rows = 0;
        using (DataViewRowCursor cursor = transformed.GetRowCursor(outputColumns.Select(c => transformed.Schema[c])))
        {
            Action[] readers = [.. outputColumns.Select(c => Reader(cursor, transformed.Schema[c]))];
            while (cursor.MoveNext())
            {
                rows++;
                foreach (Action read in readers)
                {
                    read();
                }
            }
        }

        Assert.True(rows > 0);
        Assert.Equal(rows, counting.Fetched(sourceColumn) - fitFetched);
        var outputs = PipelineDump.Describe(transformed);
        Assert.Equal(rows, outputs[outputColumns[0]].Count - 1);

        // Save and load (in this process; the fresh-process round trip is PersistenceTests).
        var mlContext = new MLContext(seed: 0);
        mlContext.ComponentCatalog.RegisterAssembly(typeof(DownscalingCatalog).Assembly);
        string file = Path.Combine(TestPaths.NewTempFolder(), "model.zip");
        mlContext.Model.Save(transformer, valid.Schema, file);
        ITransformer loaded = mlContext.Model.Load(file, out DataViewSchema _);
        Assert.Equal(outputs, PipelineDump.Describe(loaded.Transform(valid)));

        // Wrong inputs fail early, from the schema alone, naming the column.
        foreach (MustFail bad in invalid)
        {
            var fromShape = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(ShapeProbe.Of(bad.Data)));
            Assert.Contains($"'{bad.Column}'", fromShape.Message, StringComparison.Ordinal);
            var fromFit = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(bad.Data));
            Assert.Contains($"'{bad.Column}'", fromFit.Message, StringComparison.Ordinal);
            var fromTransformer = Assert.Throws<ArgumentOutOfRangeException>(() => transformer.GetOutputSchema(bad.Data.Schema));
            Assert.Contains($"'{bad.Column}'", fromTransformer.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Reads the current row's value of <paramref name="column"/> (whatever its type) through a getter, as a consumer does.</summary>
    private static Action Reader(DataViewRow row, DataViewSchema.Column column) =>
        (Action)typeof(EstimatorContract).GetMethod(nameof(TypedReader), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(column.Type.RawType).Invoke(null, [row, column])!;

    private static Action TypedReader<T>(DataViewRow row, DataViewSchema.Column column)
    {
        ValueGetter<T> getter = row.GetGetter<T>(column);
        return () =>
        {
            T value = default!;
            getter(ref value);
        };
    }
}
