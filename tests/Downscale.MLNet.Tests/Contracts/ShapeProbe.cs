using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Tests.Contracts;

/// <summary>
/// Gets the <see cref="SchemaShape"/> of a data view the way ML.NET builds it (SchemaShape.Create is internal): an
/// estimator chain calls its first estimator's GetOutputSchema with that shape before fitting.
/// </summary>
internal sealed class ShapeProbe : IEstimator<ITransformer>
{
    private SchemaShape? captured;

    public static SchemaShape Of(IDataView data)
    {
        var probe = new ShapeProbe();
        new EstimatorChain<ITransformer>().Append(probe).Fit(data);
        return probe.captured!;
    }

    public ITransformer Fit(IDataView input) => new MLContext().Transforms.CopyColumns("__probe", input.Schema[0].Name).Fit(input);

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        captured = inputSchema;
        return inputSchema;
    }
}
