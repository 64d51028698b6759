namespace Downscale.Core.Metrics;

/// <summary>The four fidelity numbers of one image pair (pairs-v1 scoring convention).</summary>
/// <param name="PsnrRgb">PSNR in dB over the three colour channels (+infinity for identical images).</param>
/// <param name="PsnrY">PSNR in dB on the BT.601 luma.</param>
/// <param name="SsimRgb">SSIM averaged over the three colour channels.</param>
/// <param name="SsimY">SSIM on the BT.601 luma.</param>
public readonly record struct FidelityScores(double PsnrRgb, double PsnrY, double SsimRgb, double SsimY);
