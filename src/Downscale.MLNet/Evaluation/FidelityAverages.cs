using Downscale.MLNet.Transforms;
using Microsoft.ML;

namespace Downscale.MLNet.Evaluation;

/// <summary>Averages the four fidelity columns of a scored data view in one pass.</summary>
internal static class FidelityAverages
{
    /// <summary>The means of the columns named <paramref name="prefix"/> + <see cref="FidelityColumns.All"/>.</summary>
    /// <exception cref="ArgumentException">The view has no rows.</exception>
    public static DownscalingMetrics Compute(IDataView scored, string prefix)
    {
        DataViewSchema.Column[] columns = [.. FidelityColumns.All.Select(name => scored.Schema[prefix + name])];
        using DataViewRowCursor cursor = scored.GetRowCursor(columns);
        ValueGetter<double>[] getters = [.. columns.Select(cursor.GetGetter<double>)];
        var sums = new double[4];
        long count = 0;
        while (cursor.MoveNext())
        {
            for (int i = 0; i < 4; i++)
            {
                double value = 0;
                getters[i](ref value);
                sums[i] += value;
            }

            count++;
        }

        if (count == 0)
        {
            throw new ArgumentException("The data holds no rows to evaluate.", nameof(scored));
        }

        return new DownscalingMetrics(sums[0] / count, sums[1] / count, sums[2] / count, sums[3] / count, count);
    }
}
