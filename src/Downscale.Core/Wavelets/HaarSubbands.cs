using Downscale.Core.Imaging;

namespace Downscale.Core.Wavelets;

/// <summary>
/// The four sub-bands of a one-level 2D Haar transform (<see cref="HaarTransform"/>), each C x H/2 x W/2, in the
/// paper's order A, V, H, D.
/// </summary>
/// <remarks>
/// For each 2x2 block <c>[[a, b], [c, d]]</c> (a top-left, d bottom-right) and scale <c>f</c> (1/2 orthonormal,
/// 1/4 average): <c>A = f(a+b+c+d)</c>; <c>V = f(a−b+c−d)</c> (left minus right: vertical detail, strong on vertical
/// edges; pywt's cV); <c>H = f(a+b−c−d)</c> (top minus bottom: horizontal detail, strong on horizontal edges; pywt's
/// cH); <c>D = f(a−b−c+d)</c> (diagonal; pywt's cD).
/// </remarks>
/// <param name="Approximation">A: the low-pass band (a half-size image).</param>
/// <param name="Vertical">V: left-minus-right detail.</param>
/// <param name="Horizontal">H: top-minus-bottom detail.</param>
/// <param name="Diagonal">D: diagonal detail.</param>
/// <param name="Normalization">The scaling used, needed by the inverse.</param>
public sealed record HaarSubbands(
    PlanarImage Approximation,
    PlanarImage Vertical,
    PlanarImage Horizontal,
    PlanarImage Diagonal,
    HaarNormalization Normalization);
