namespace Downscale.Core.Resampling;

/// <summary>
/// Builds <see cref="AxisWeights"/> the way each reference tool computes its coefficients, in float64 and with the
/// same expressions (the order of operations decides ties at exact half-pixel positions).
/// </summary>
internal static class ConventionWeights
{
    /// <summary>
    /// PIL <c>precompute_coeffs</c>: centre (i + 0.5)·s, support radius·max(s, 1), window
    /// [(int)(centre - support + 0.5), (int)(centre + support + 0.5)) clipped to the input, weights normalised after
    /// clipping (s = in/out).
    /// </summary>
    public static AxisWeights Pil<TKernel>(TKernel kernel, int inSize, int outSize)
        where TKernel : struct, IResamplingKernel
    {
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = kernel.Radius * filterScale;
        double inverse = 1.0 / filterScale;
        var builder = new AxisWeights.Builder(inSize, outSize, BorderPolicy.Inside);
        Span<double> window = new double[((int)Math.Ceiling(support) * 2) + 2];
        for (int i = 0; i < outSize; i++)
        {
            double center = (i + 0.5) * scale;
            int xmin = Math.Max((int)(center - support + 0.5), 0);
            int xmax = Math.Min((int)(center + support + 0.5), inSize);
            int count = Math.Max(xmax - xmin, 0);
            double sum = 0.0;
            for (int x = 0; x < count; x++)
            {
                double w = kernel.GetValue((x + xmin - center + 0.5) * inverse);
                window[x] = w;
                sum += w;
            }

            if (sum != 0.0)
            {
                for (int x = 0; x < count; x++)
                {
                    window[x] /= sum;
                }
            }

            builder.Set(i, xmin, window[..count]);
        }

        return builder.Build();
    }

    /// <summary>
    /// PIL's nearest neighbour (<c>ImagingScaleAffine</c>): index (int)(s/2 + i·s) with the position accumulated by
    /// repeated addition, exactly as PIL steps it.
    /// </summary>
    public static AxisWeights PilNearest(int inSize, int outSize)
    {
        double step = (double)inSize / outSize;
        double position = step * 0.5;
        var builder = new AxisWeights.Builder(inSize, outSize, BorderPolicy.Replicate);
        ReadOnlySpan<double> one = [1.0];
        for (int i = 0; i < outSize; i++)
        {
            builder.Set(i, Math.Min((int)position, inSize - 1), one);
            position += step;
        }

        return builder.Build();
    }

    /// <summary>
    /// MATLAB <c>imresize</c> <c>contributions</c>: k = out/in; when k &lt; 1 and antialiasing, h(x) = k·K(k·x) and the
    /// width is 2R/k; u = x/k + 0.5(1 - 1/k) for 1-based x; taps floor(u - width/2) + [0, ceil(width) + 2); weights
    /// normalised, then indices mirrored (half-sample symmetric).
    /// </summary>
    public static AxisWeights Matlab<TKernel>(TKernel kernel, int inSize, int outSize, bool antialias)
        where TKernel : struct, IResamplingKernel
    {
        double k = (double)outSize / inSize;
        bool widen = antialias && k < 1.0;
        double width = 2.0 * kernel.Radius / (widen ? k : 1.0);
        int taps = (int)Math.Ceiling(width) + 2;
        var builder = new AxisWeights.Builder(inSize, outSize, BorderPolicy.Mirror);
        Span<double> window = new double[taps];
        for (int i = 0; i < outSize; i++)
        {
            double u = ((i + 1) / k) + (0.5 * (1.0 - (1.0 / k)));
            double left = Math.Floor(u - (width / 2.0));
            double sum = 0.0;
            for (int j = 0; j < taps; j++)
            {
                double d = u - (left + j);
                double w = widen ? k * kernel.GetValue(k * d) : kernel.GetValue(d);
                window[j] = w;
                sum += w;
            }

            for (int j = 0; j < taps; j++)
            {
                window[j] /= sum;
            }

            builder.Set(i, (int)left - 1, window);
        }

        return builder.Build();
    }

    /// <summary>
    /// OpenCV <c>cv::resize</c> (INTER_LINEAR, INTER_CUBIC, INTER_LANCZOS4): fx = (float)((i + 0.5)·s - 0.5),
    /// 2·ceil(R) taps from floor(fx) - ceil(R) + 1, kernel not widened, weights normalised, replicated borders.
    /// </summary>
    public static AxisWeights OpenCv<TKernel>(TKernel kernel, int inSize, int outSize)
        where TKernel : struct, IResamplingKernel
    {
        double scale = 1.0 / ((double)outSize / inSize);
        int radius = (int)Math.Ceiling(kernel.Radius);
        var builder = new AxisWeights.Builder(inSize, outSize, BorderPolicy.Replicate);
        Span<double> window = new double[2 * radius];
        for (int i = 0; i < outSize; i++)
        {
            float fx = (float)(((i + 0.5) * scale) - 0.5);
            int sx = (int)MathF.Floor(fx);
            double f = fx - sx;
            double sum = 0.0;
            for (int j = 0; j < window.Length; j++)
            {
                double w = kernel.GetValue(f + radius - 1 - j);
                window[j] = w;
                sum += w;
            }

            for (int j = 0; j < window.Length; j++)
            {
                window[j] /= sum;
            }

            builder.Set(i, sx - radius + 1, window);
        }

        return builder.Build();
    }

    /// <summary>OpenCV's INTER_NEAREST: index floor(i / (out/in)), clamped to the last pixel.</summary>
    public static AxisWeights OpenCvNearest(int inSize, int outSize)
    {
        double inverse = 1.0 / ((double)outSize / inSize);
        var builder = new AxisWeights.Builder(inSize, outSize, BorderPolicy.Replicate);
        ReadOnlySpan<double> one = [1.0];
        for (int i = 0; i < outSize; i++)
        {
            builder.Set(i, Math.Min((int)Math.Floor(i * inverse), inSize - 1), one);
        }

        return builder.Build();
    }

    /// <summary>
    /// Pixel-area weights: output i covers [i·s, (i + 1)·s) (s = in/out); each input pixel weighs the length of its
    /// overlap, normalised (OpenCV INTER_AREA; the exact block mean for integer scales, and exact coverage when
    /// upscaling). Overlaps shorter than 1e-9 pixel (rounding slivers) are dropped.
    /// </summary>
    public static AxisWeights Area(int inSize, int outSize)
    {
        double scale = (double)inSize / outSize;
        var builder = new AxisWeights.Builder(inSize, outSize, BorderPolicy.Inside);
        Span<double> window = new double[(int)Math.Ceiling(scale) + 2];
        for (int i = 0; i < outSize; i++)
        {
            double lo = i * scale;
            double hi = i == outSize - 1 ? inSize : Math.Min((i + 1) * scale, inSize);
            int first = Math.Min((int)Math.Floor(lo), inSize - 1);
            int last = Math.Min((int)Math.Ceiling(hi) - 1, inSize - 1);
            int count = last - first + 1;
            double sum = 0.0;
            for (int j = 0; j < count; j++)
            {
                double overlap = Math.Min(hi, first + j + 1) - Math.Max(lo, first + j);
                double w = overlap > 1e-9 ? overlap : 0.0;
                window[j] = w;
                sum += w;
            }

            for (int j = 0; j < count; j++)
            {
                window[j] /= sum;
            }

            builder.Set(i, first, window[..count]);
        }

        return builder.Build();
    }

    /// <summary>The 3-tap [1, 2, 1]/4 smoothing of DPID's guidance image, renormalised where a neighbour is missing.</summary>
    public static AxisWeights Smooth121(int size)
    {
        var builder = new AxisWeights.Builder(size, size, BorderPolicy.Inside);
        Span<double> window = stackalloc double[3];
        for (int i = 0; i < size; i++)
        {
            window[0] = i > 0 ? 1.0 : 0.0;
            window[1] = 2.0;
            window[2] = i < size - 1 ? 1.0 : 0.0;
            double sum = window[0] + window[1] + window[2];
            for (int j = 0; j < 3; j++)
            {
                window[j] /= sum;
            }

            int first = i - 1;
            builder.Set(i, Math.Max(first, 0), first < 0 ? window[1..] : (i < size - 1 ? window : window[..2]));
        }

        return builder.Build();
    }
}
