using Downscale.MLNet.Persistence;
using Microsoft.ML;

namespace Downscale.MLNet.Raw;

/// <summary>One input column of a RAW stage: its name, what it must hold, and its role in messages.</summary>
internal sealed record RawStageInput(string Column, RawInputKind Kind, string Role);

/// <summary>
/// What every RAW transformer is made of: the runtime <see cref="RawStage"/> and its saveable ML.NET form
/// (<see cref="PortableStageChain"/>), which is also what computes the rows.
/// </summary>
/// <remarks>
/// Unlike the image stages, a RAW stage's <c>Transform</c> is the portable chain's own: ML.NET's
/// <c>CustomMapping</c> computes a row only when a cursor reads one of the stage's columns, one row at a time (a RAW
/// frame is large, and the TorchSharp engine already uses every core inside one frame). So an in-memory pipeline and the
/// same pipeline loaded from disk run exactly the same code.
/// </remarks>
internal sealed class RawStageBinding(
    string stageName, RawStage stage, string configText, DataViewSchema inputSchema, IReadOnlyList<RawStageInput> inputs,
    Func<MLContext, IEstimator<ITransformer>> worker, IReadOnlyList<PortableOutput> outputs, string? notSaveable)
    : PortableStageBinding<RawStage>(
        stageName, stage, configText, Checked(inputSchema, inputs, stageName), [.. inputs.Select(i => new PortableInput(i.Column, ImageGeometry.Unknown))],
        worker, outputs, notSaveable)
{
    /// <inheritdoc />
    protected override void CheckInputs(DataViewSchema inputSchema) => Checked(inputSchema, inputs, StageName);

    private static DataViewSchema Checked(DataViewSchema inputSchema, IReadOnlyList<RawStageInput> inputs, string stageName)
    {
        foreach (RawStageInput input in inputs)
        {
            RawColumns.Require(inputSchema, input.Column, input.Kind, stageName, input.Role);
        }

        return inputSchema;
    }
}
