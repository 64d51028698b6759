namespace Downscale.Torch.Training;

/// <summary>The scores of one validation pass, averaged over the validation samples.</summary>
/// <param name="Step">The step after which it ran.</param>
/// <param name="L1">Mean absolute error between output and target (unquantised): the plateau schedule's loss.</param>
/// <param name="Psnr">Mean PSNR in dB over all channels, outputs quantised to 8-bit values and the border cropped
/// (<see cref="Core.Metrics.Psnr"/>, pairs-v1 scoring).</param>
/// <param name="IsBest">True when <paramref name="Psnr"/> is the best of the run so far (<c>best.safetensors</c> was written).</param>
public sealed record ValidationResult(long Step, double L1, double Psnr, bool IsBest);
