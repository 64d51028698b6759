using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Downscale.Core.Imaging;

namespace Downscale.Core.Metrics;

/// <summary>
/// Peak signal-to-noise ratio as BasicSR's <c>calculate_psnr</c> defines it:
/// <c>10 log10(peak^2 / MSE)</c> with peak <see cref="QualityOptions.DataRange"/> (255), the MSE taken over all pixels
/// and channels of the scored planes after cropping, in float64.
/// </summary>
/// <remarks>
/// Order of operations: quantise to 8-bit values (<see cref="QualityOptions.QuantizeTo8Bit"/>), crop the border, convert
/// to Y when asked, then float64. Identical images give <see cref="double.PositiveInfinity"/> (MSE 0), as BasicSR
/// returns <c>float('inf')</c>; average such scores with care. A NaN pixel gives NaN, quantised or not.
/// </remarks>
public static class Psnr
{
    /// <summary>PSNR in dB between <paramref name="prediction"/> and <paramref name="target"/>, images in [0, 1].</summary>
    /// <param name="prediction">The image being judged.</param>
    /// <param name="target">The reference image, same shape.</param>
    /// <param name="options">Crop, channel and quantisation; <see cref="QualityOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">
    /// The shapes differ, the crop leaves no pixels, or <see cref="QualityChannel.Y"/> is asked of a non-RGB image.
    /// </exception>
    public static double Compute(PlanarImage prediction, PlanarImage target, QualityOptions? options = null)
    {
        options ??= QualityOptions.Default;
        bool luma = options.Channel == QualityChannel.Y;
        QualityInputs.Validate(prediction, target, options, luma, needsSsimWindow: false);
        using var a = ScoringPlanes.Prepare(prediction, options, luma);
        using var b = ScoringPlanes.Prepare(target, options, luma);
        return luma ? FromPlanes(a, b, a.Count - 1, 1, options.DataRange) : FromPlanes(a, b, 0, a.ColorCount, options.DataRange);
    }

    /// <summary>PSNR over planes [first, first + count) of two prepared images.</summary>
    internal static double FromPlanes(ScoringPlanes a, ScoringPlanes b, int first, int count, double dataRange)
    {
        double sse = 0;
        for (int plane = first; plane < first + count; plane++)
        {
            sse += SumOfSquaredErrors(a.Plane(plane).Span, b.Plane(plane).Span);
        }

        return FromMeanSquaredError(sse / ((double)count * a.PlaneLength), dataRange);
    }

    /// <summary><c>10 log10(peak^2 / mse)</c>; +infinity when <paramref name="mse"/> is 0.</summary>
    internal static double FromMeanSquaredError(double mse, double peak) =>
        mse == 0 ? double.PositiveInfinity : 10.0 * Math.Log10(peak * peak / mse);

    /// <summary>Sum over i of (a[i] - b[i])^2, vectorised.</summary>
    internal static double SumOfSquaredErrors(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        Vector256<double> total = default;
        int i = 0;
        for (; i <= a.Length - Vector256<double>.Count; i += Vector256<double>.Count)
        {
            var d = Vector256.LoadUnsafe(ref ra, (nuint)i) - Vector256.LoadUnsafe(ref rb, (nuint)i);
            total += d * d;
        }

        double sum = Vector256.Sum(total);
        for (; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }

        return sum;
    }
}
