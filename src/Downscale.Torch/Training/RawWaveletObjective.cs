using System.Globalization;
using Downscale.Core.Wavelets;
using Downscale.Torch.Models.RawWavelet;
using Downscale.Torch.Wavelets;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Training;

/// <summary>The terms of <see cref="RawWaveletObjective"/> on one batch (scalars, owned by the caller's dispose scope).</summary>
/// <param name="Total">w_con L_con + w_hwc L_hwc + w_em L_em.</param>
/// <param name="Content">L_con: mean absolute error of the LR output.</param>
/// <param name="Wavelet">L_hwc: the sum over levels and A, V, H, D of the mean absolute error against the Haar pyramid of the LR target.</param>
/// <param name="Energy">L_em (Eq. 6): the sum over levels and V, H, D of the batch mean of
/// |‖predicted band‖₂ - ‖HR band‖₂| / (h'w').</param>
public sealed record RawWaveletLossTerms(Tensor Total, Tensor Content, Tensor Wavelet, Tensor Energy);

/// <summary>
/// The RAW paper's training loss (section 3.4): L_con + L_hwc + λ L_em, λ = 0.1, for a <see cref="RawWaveletNet"/>.
/// </summary>
/// <remarks>
/// <para>L_con = L1(Î_LR, I_LR), mean over elements. L_hwc (Eq. 7) = Σ_k Σ_{C ∈ A,V,H,D} L1(Ĉ^k, C^k), C^k the level-k
/// Haar sub-bands of the ground-truth LR (with the model's normalisation), each term a mean over its elements.
/// L_em (Eq. 6) = Σ_k Σ_{C ∈ V,H,D} |‖Ĉ^k‖₂ - ‖C^k_HR‖₂| / (h'w'), with C^k_HR the level-k sub-bands of the HR input,
/// ‖·‖₂ the Frobenius norm of one image's band (all planes), h'w' the HR band's pixel count, and the batch mean of the
/// absolute differences. Read literally, Eq. 6 compares norms of bands of different sizes: it pushes the LR bands
/// towards the HR's total high-frequency energy ("energy maximisation").</para>
/// <para>The batch's <see cref="TrainingBatch.Hr"/> is the model input (the sampler sets it so).</para>
/// </remarks>
public sealed class RawWaveletObjective : ITrainingObjective
{
    /// <summary>An objective with the given weights (the paper's 1, 1, 0.1 by default).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative or not finite, or all are zero.</exception>
    public RawWaveletObjective(double contentWeight = 1.0, double waveletWeight = 1.0, double energyWeight = 0.1)
    {
        double[] weights = [contentWeight, waveletWeight, energyWeight];
        if (weights.Any(w => !double.IsFinite(w) || w < 0) || weights.Sum() == 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(contentWeight), $"The weights must be finite, non-negative and not all zero; got {contentWeight}, {waveletWeight}, {energyWeight}.");
        }

        ContentWeight = contentWeight;
        WaveletWeight = waveletWeight;
        EnergyWeight = energyWeight;
        Signature = string.Create(CultureInfo.InvariantCulture, $"raw_wavelet(con={contentWeight:R},hwc={waveletWeight:R},em={energyWeight:R})");
    }

    /// <summary>Weight of L_con.</summary>
    public double ContentWeight { get; }

    /// <summary>Weight of L_hwc.</summary>
    public double WaveletWeight { get; }

    /// <summary>λ, the weight of L_em.</summary>
    public double EnergyWeight { get; }

    /// <inheritdoc />
    public string Signature { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The model is not a <see cref="RawWaveletNet"/>, the batch has no target, or the shapes disagree.</exception>
    public Tensor Loss(Module<Tensor, Tensor> model, TrainingBatch batch)
    {
        using var scope = NewDisposeScope();
        return Terms(model, batch).Total.MoveToOuterDisposeScope();
    }

    /// <summary>All terms of the loss of <paramref name="model"/> on <paramref name="batch"/>.</summary>
    /// <exception cref="ArgumentException">The model is not a <see cref="RawWaveletNet"/>, the batch has no target, or the shapes disagree.</exception>
    public RawWaveletLossTerms Terms(Module<Tensor, Tensor> model, TrainingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        if (model is not RawWaveletNet net)
        {
            throw new ArgumentException(
                $"The RAW wavelet objective needs the per-level sub-bands of a RawWaveletNet; the model is a {model.GetType().Name}.", nameof(model));
        }

        Tensor target = batch.Target ?? throw new ArgumentException("The RAW wavelet objective needs ground-truth LR targets.", nameof(batch));
        using var scope = NewDisposeScope();
        RawWaveletLossTerms terms = Compute(net.ForwardLevels(batch.Input), target, batch.Hr, net.Options.Wavelet);
        return new RawWaveletLossTerms(
            terms.Total.MoveToOuterDisposeScope(), terms.Content.MoveToOuterDisposeScope(),
            terms.Wavelet.MoveToOuterDisposeScope(), terms.Energy.MoveToOuterDisposeScope());
    }

    /// <summary>The terms for a prediction, its LR target and the HR it came from (tensors in the caller's scope).</summary>
    /// <param name="prediction">The output and the predicted sub-bands of levels 1 .. K.</param>
    /// <param name="target">The ground-truth LR, the output's shape.</param>
    /// <param name="hr">The HR input, N x C x H x W with H and W divisible by 2^K.</param>
    /// <param name="wavelet">The Haar normalisation of the model.</param>
    /// <exception cref="ArgumentException">The output and the target differ in shape.</exception>
    public RawWaveletLossTerms Compute(RawWaveletOutput prediction, Tensor target, Tensor hr, HaarNormalization wavelet)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(hr);
        if (!prediction.Output.shape.SequenceEqual(target.shape))
        {
            throw new ArgumentException(
                $"The model's output [{string.Join(", ", prediction.Output.shape)}] does not match the LR target [{string.Join(", ", target.shape)}].", nameof(target));
        }

        Tensor content = functional.l1_loss(prediction.Output, target);
        Tensor waveletTerm = zeros([], dtype: content.dtype, device: content.device);
        Tensor energy = zeros([], dtype: content.dtype, device: content.device);
        Tensor lowTruth = target, lowHr = hr;
        foreach (WaveletBands bands in prediction.Levels)
        {
            var (a, v, h, d) = HaarWavelet.Forward(lowTruth, wavelet);
            waveletTerm = waveletTerm + functional.l1_loss(bands.A, a) + functional.l1_loss(bands.V, v)
                + functional.l1_loss(bands.H, h) + functional.l1_loss(bands.D, d);
            var (hrA, hrV, hrH, hrD) = HaarWavelet.Forward(lowHr, wavelet);
            double pixels = hrA.shape[2] * hrA.shape[3];
            energy = energy + ((EnergyGap(bands.V, hrV) + EnergyGap(bands.H, hrH) + EnergyGap(bands.D, hrD)) / pixels);
            lowTruth = a;
            lowHr = hrA;
        }

        Tensor total = (content * ContentWeight) + (waveletTerm * WaveletWeight) + (energy * EnergyWeight);
        return new RawWaveletLossTerms(total, content, waveletTerm, energy);
    }

    /// <summary>Batch mean of |‖predicted‖₂ - ‖reference‖₂| per image.</summary>
    private static Tensor EnergyGap(Tensor predicted, Tensor reference) =>
        (predicted.flatten(1).norm(1) - reference.flatten(1).norm(1)).abs().mean();
}
