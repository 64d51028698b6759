namespace Downscale.Torch.Training;

/// <summary>
/// Draws training samples as a pure function of (seed, sample index): the trainer asks for samples
/// <c>step x batch .. step x batch + batch - 1</c> at each step, so a checkpoint's data cursor is just its step number
/// and a resumed run sees exactly the samples an uninterrupted one would.
/// </summary>
/// <remarks><see cref="Draw"/> may be called from several threads at once and must not depend on call order.</remarks>
public interface ITrainingSampler
{
    /// <summary>Samples in one epoch (for a pair set, its number of pairs).</summary>
    long SamplesPerEpoch { get; }

    /// <summary>
    /// Describes the data and every sampling setting (set, patch size, augmentation); it enters the options hash of
    /// checkpoints, so a run cannot be resumed on other data.
    /// </summary>
    string Signature { get; }

    /// <summary>Sample number <paramref name="sampleIndex"/> (0-based, counted over the whole run) for <paramref name="seed"/>.</summary>
    TrainingSample Draw(int seed, long sampleIndex);
}
