namespace Downscale.Core.Resampling;

/// <summary>The reconstruction filters of the classic resamplers, with the exact definitions of their reference tools.</summary>
public static class KnownKernels
{
    /// <summary>PIL's <c>BOX</c>: 1 on (-0.5, 0.5], else 0.</summary>
    public static BoxKernel Box => default;

    /// <summary>MATLAB's <c>box</c> (also its nearest-neighbour rule): 1 on [-0.5, 0.5), else 0.</summary>
    public static MatlabBoxKernel MatlabBox => default;

    /// <summary>The triangle (tent) filter of bilinear interpolation, radius 1.</summary>
    public static TriangleKernel Triangle => default;

    /// <summary>Keys' cubic convolution with a = -0.5 (PIL <c>BICUBIC</c>, MATLAB <c>bicubic</c>).</summary>
    public static CubicKernel Bicubic => new(CubicKernel.DefaultA);

    /// <summary>Keys' cubic convolution with a = -0.75 (OpenCV <c>INTER_CUBIC</c>).</summary>
    public static CubicKernel OpenCvBicubic => new(CubicKernel.OpenCvA);

    /// <summary>Lanczos with 3 lobes (PIL <c>LANCZOS</c>, MATLAB <c>lanczos3</c>).</summary>
    public static LanczosKernel Lanczos3 => new(3);

    /// <summary>Lanczos with 4 lobes (OpenCV <c>INTER_LANCZOS4</c>).</summary>
    public static LanczosKernel Lanczos4 => new(4);
}

/// <summary>PIL's box filter: 1 on (-0.5, 0.5], else 0 (radius 0.5).</summary>
public readonly struct BoxKernel : IResamplingKernel
{
    /// <inheritdoc />
    public double Radius => 0.5;

    /// <inheritdoc />
    public double GetValue(double x) => x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
}

/// <summary>MATLAB's box filter: 1 on [-0.5, 0.5), else 0 (radius 0.5). It decides MATLAB's nearest-neighbour ties.</summary>
public readonly struct MatlabBoxKernel : IResamplingKernel
{
    /// <inheritdoc />
    public double Radius => 0.5;

    /// <inheritdoc />
    public double GetValue(double x) => x >= -0.5 && x < 0.5 ? 1.0 : 0.0;
}

/// <summary>The triangle filter 1 - |x| on |x| &lt; 1 (radius 1).</summary>
public readonly struct TriangleKernel : IResamplingKernel
{
    /// <inheritdoc />
    public double Radius => 1.0;

    /// <inheritdoc />
    public double GetValue(double x)
    {
        x = Math.Abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }
}

/// <summary>
/// Keys' cubic convolution kernel with parameter <see cref="A"/> (radius 2):
/// (a+2)|x|³ - (a+3)|x|² + 1 on |x| &lt; 1 and a(|x|³ - 5|x|² + 8|x| - 4) on 1 ≤ |x| &lt; 2.
/// </summary>
/// <param name="a">The slope parameter: -0.5 reproduces quadratics (PIL, MATLAB), -0.75 is OpenCV's choice.</param>
public readonly struct CubicKernel(double a) : IResamplingKernel
{
    /// <summary>The a of PIL and MATLAB.</summary>
    public const double DefaultA = -0.5;

    /// <summary>The a of OpenCV.</summary>
    public const double OpenCvA = -0.75;

    /// <summary>The slope parameter a.</summary>
    public double A { get; } = a;

    /// <inheritdoc />
    public double Radius => 2.0;

    /// <inheritdoc />
    public double GetValue(double x)
    {
        x = Math.Abs(x);
        if (x < 1.0)
        {
            return ((((A + 2.0) * x) - (A + 3.0)) * x * x) + 1.0;
        }

        return x < 2.0 ? ((((x - 5.0) * x) + 8.0) * x - 4.0) * A : 0.0;
    }
}

/// <summary>The Lanczos window sinc(x)·sinc(x/n) on -n ≤ x &lt; n (PIL's half-open support), radius n.</summary>
/// <param name="lobes">n, the number of lobes (3 or 4 in practice).</param>
public readonly struct LanczosKernel(int lobes) : IResamplingKernel
{
    /// <summary>The number of lobes n.</summary>
    public int Lobes { get; } = lobes;

    /// <inheritdoc />
    public double Radius => Lobes;

    /// <inheritdoc />
    public double GetValue(double x) => x >= -Lobes && x < Lobes ? Sinc(x) * Sinc(x / Lobes) : 0.0;

    private static double Sinc(double x)
    {
        if (x == 0.0)
        {
            return 1.0;
        }

        x *= Math.PI;
        return Math.Sin(x) / x;
    }
}
