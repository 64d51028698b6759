namespace Downscale.Core.Resampling;

/// <summary>
/// A one-dimensional reconstruction filter: a function of the distance (in input pixels, before any widening for
/// downscaling) from the sample centre, zero outside [-<see cref="Radius"/>, <see cref="Radius"/>].
/// </summary>
/// <remarks>
/// Implementations are small <c>readonly struct</c>s and every consumer takes them as a generic type argument
/// (<c>where TKernel : struct, IResamplingKernel</c>), so the JIT specialises and inlines <see cref="GetValue"/>.
/// Kernels are only evaluated while building the per-axis weight tables, never in the pixel loops.
/// </remarks>
public interface IResamplingKernel
{
    /// <summary>Half-width of the support in input pixels at scale 1 (2 for bicubic, 3 for Lanczos-3).</summary>
    double Radius { get; }

    /// <summary>The filter value at signed distance <paramref name="x"/>.</summary>
    double GetValue(double x);
}
