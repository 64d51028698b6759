namespace Downscale.Core.Raw;

/// <summary>
/// The noise added to an LR mosaic of the raw protocol: Gaussian with variance <c>Shot · x + ReadStd²</c>, drawn
/// from numpy's PCG64 generator seeded with <see cref="Seed"/>.
/// </summary>
/// <param name="Shot">Signal-dependent (shot) variance factor.</param>
/// <param name="ReadStd">Signal-independent (read) standard deviation.</param>
/// <param name="Seed">The PCG64 seed (a 64-bit unsigned integer).</param>
/// <param name="Variance">The variance formula as written in the sidecar, e.g. <c>"shot * x + read_std^2"</c>.</param>
public sealed record RawNoiseParameters(double Shot, double ReadStd, ulong Seed, string? Variance);
