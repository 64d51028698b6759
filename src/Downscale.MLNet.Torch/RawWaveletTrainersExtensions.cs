namespace Downscale.MLNet.Torch;

/// <summary>The RAW wavelet trainer on <c>mlContext.Downscaling().Trainers</c>.</summary>
public static class RawWaveletTrainersExtensions
{
    /// <summary>
    /// The RAW wavelet model's trainer: <c>Fit</c> trains on HR and LR RAW frame columns (from <c>LoadRawFrames</c>) with the
    /// generic trainer and returns the <c>DownscaleRaw</c> transformer of the trained model.
    /// </summary>
    /// <param name="trainers">The trainers catalog.</param>
    /// <param name="options">The architecture (with its rational scale), the training run, sampling and loss weights.</param>
    public static RawWaveletTrainer RawWavelet(this DownscalingTrainers trainers, RawWaveletTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(trainers);
        return new RawWaveletTrainer(options);
    }
}
