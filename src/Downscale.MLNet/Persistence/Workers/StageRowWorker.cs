using System.ComponentModel;
using Microsoft.ML.Transforms;

namespace Downscale.MLNet.Persistence.Workers;

/// <summary>
/// What every persisted stage worker does: keep one <see cref="StageHolder"/> per mapping delegate (so the stage and its
/// model live as long as the worker ML.NET built), and compute each row with the stage that the row's configuration names.
/// </summary>
/// <typeparam name="TInput">The input row.</typeparam>
/// <typeparam name="TOutput">The output row.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class StageRowWorker<TInput, TOutput> : CustomMappingFactory<TInput, TOutput>
    where TInput : StageInputRow, new()
    where TOutput : class, new()
{
    /// <inheritdoc />
    public sealed override Action<TInput, TOutput> GetMapping()
    {
        var holder = new StageHolder();
        return (input, output) => Map(holder, input, output);
    }

    /// <summary>Computes one row; <paramref name="stages"/> finds the stage of <c>input.Config</c>.</summary>
    private protected abstract void Map(StageHolder stages, TInput input, TOutput output);
}
