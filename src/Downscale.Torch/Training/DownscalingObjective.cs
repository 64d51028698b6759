using System.Globalization;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Training;

/// <summary>
/// The downscaling objectives: <b>fidelity</b>, the L1 distance between the model's output and the ground-truth LR
/// (ADK-Net's loss), and <b>restorability</b>, the L1 distance between the MATLAB-bicubic upscale of the output and the
/// HR image (the protocol of the ADK-Net paper's Table III), or a weighted sum of both from one forward pass.
/// Restorability alone needs no LR: it trains on HR images (<see cref="PairCropSampler.FromHrImages"/>).
/// </summary>
public sealed class DownscalingObjective : ITrainingObjective, IDisposable
{
    private readonly MatlabBicubic _bicubic = new();

    /// <summary>An objective with the given weights.</summary>
    /// <param name="fidelityWeight">Weight of L1(output, LR).</param>
    /// <param name="restorabilityWeight">Weight of L1(bicubic_up(output), HR).</param>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative or not finite, or both are zero.</exception>
    public DownscalingObjective(double fidelityWeight, double restorabilityWeight)
    {
        if (!double.IsFinite(fidelityWeight) || fidelityWeight < 0 || !double.IsFinite(restorabilityWeight) || restorabilityWeight < 0
            || fidelityWeight + restorabilityWeight == 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(fidelityWeight),
                $"The weights must be finite, non-negative and not both zero; got fidelity {fidelityWeight}, restorability {restorabilityWeight}.");
        }

        FidelityWeight = fidelityWeight;
        RestorabilityWeight = restorabilityWeight;
        Signature = string.Create(CultureInfo.InvariantCulture, $"downscaling(l1={fidelityWeight:R},restorability={restorabilityWeight:R})");
    }

    /// <summary>Weight of the L1 distance to the ground-truth LR.</summary>
    public double FidelityWeight { get; }

    /// <summary>Weight of the L1 distance between the bicubic upscale of the output and the HR image.</summary>
    public double RestorabilityWeight { get; }

    /// <inheritdoc />
    public string Signature { get; }

    /// <summary>L1 against the ground-truth LR (ADK-Net's training loss).</summary>
    public static DownscalingObjective L1() => new(1.0, 0.0);

    /// <summary>L1 between the bicubic upscale of the output and the HR image: needs no LR.</summary>
    public static DownscalingObjective Restorability() => new(0.0, 1.0);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The fidelity term is weighted but the batch has no target, or the shapes disagree.</exception>
    public Tensor Loss(Module<Tensor, Tensor> model, TrainingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        Tensor output = model.forward(batch.Input);
        Tensor? loss = null;
        if (FidelityWeight > 0)
        {
            Tensor target = batch.Target ?? throw new ArgumentException(
                "The L1 (fidelity) objective needs ground-truth LR targets; train on HR images alone with the restorability objective.", nameof(batch));
            RequireSameShape(output, target, "the ground-truth LR");
            loss = functional.l1_loss(output, target) * FidelityWeight;
        }

        if (RestorabilityWeight > 0)
        {
            Tensor upscaled = _bicubic.Resize(output, batch.Hr.shape[^2], batch.Hr.shape[^1]);
            RequireSameShape(upscaled, batch.Hr, "the HR image (after the bicubic upscale)");
            Tensor term = functional.l1_loss(upscaled, batch.Hr) * RestorabilityWeight;
            loss = loss is null ? term : loss + term;
        }

        return loss!.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose() => _bicubic.Dispose();

    private static void RequireSameShape(Tensor output, Tensor reference, string what)
    {
        if (!output.shape.SequenceEqual(reference.shape))
        {
            throw new ArgumentException(
                $"The model's output [{string.Join(", ", output.shape)}] does not match {what} [{string.Join(", ", reference.shape)}].");
        }
    }
}
