using Downscale.Core.Imaging;
using Downscale.Core.Resampling;

namespace Downscale.Core.Tests.Resampling;

/// <summary>
/// A deliberately plain reference: each convention's published formulas, evaluated per output sample in float64 with
/// explicit border handling (no table packing, folding, bands or SIMD), then a direct 2-D weighted sum.
/// </summary>
internal static class NaiveResampler
{
    public static PlanarImage Resize(PlanarImage source, int outWidth, int outHeight, ResampleMethod method, ResampleConvention convention, double? cubicA = null)
    {
        var wx = Taps(method, convention, cubicA, source.Width, outWidth);
        var wy = Taps(method, convention, cubicA, source.Height, outHeight);
        bool pilClamp = convention == ResampleConvention.Pil && method is ResampleMethod.Bicubic or ResampleMethod.Lanczos3 or ResampleMethod.Lanczos4;
        var result = new PlanarImage(source.Channels, outHeight, outWidth);
        for (int c = 0; c < source.Channels; c++)
        {
            // Horizontal pass first (PIL's order, and with its clamp); for linear passes the order does not matter.
            var mid = new double[source.Height, outWidth];
            Span<float> plane = source.Plane(c);
            for (int y = 0; y < source.Height; y++)
            {
                for (int x = 0; x < outWidth; x++)
                {
                    double sum = 0;
                    foreach ((int index, double weight) in wx[x])
                    {
                        sum += weight * plane[(y * source.Width) + index];
                    }

                    mid[y, x] = pilClamp ? Math.Clamp(sum, 0, 1) : sum;
                }
            }

            Span<float> output = result.Plane(c);
            for (int y = 0; y < outHeight; y++)
            {
                for (int x = 0; x < outWidth; x++)
                {
                    double sum = 0;
                    foreach ((int index, double weight) in wy[y])
                    {
                        sum += weight * mid[index, x];
                    }

                    output[(y * outWidth) + x] = (float)sum;
                }
            }
        }

        return result;
    }

    /// <summary>For each output sample, its (input index, weight) list.</summary>
    public static List<(int Index, double Weight)>[] Taps(ResampleMethod method, ResampleConvention convention, double? cubicA, int inSize, int outSize)
    {
        double a = cubicA ?? (convention == ResampleConvention.OpenCv ? -0.75 : -0.5);
        Func<double, double> kernel = method switch
        {
            ResampleMethod.Bilinear => Triangle,
            ResampleMethod.Bicubic => x => Cubic(x, a),
            ResampleMethod.Lanczos3 => x => Lanczos(x, 3),
            ResampleMethod.Lanczos4 => x => Lanczos(x, 4),
            ResampleMethod.Box => convention == ResampleConvention.Pil ? x => x > -0.5 && x <= 0.5 ? 1 : 0 : x => x >= -0.5 && x < 0.5 ? 1 : 0,
            _ => _ => double.NaN,
        };
        double radius = method switch
        {
            ResampleMethod.Bilinear => 1,
            ResampleMethod.Bicubic => 2,
            ResampleMethod.Lanczos3 => 3,
            ResampleMethod.Lanczos4 => 4,
            _ => 0.5,
        };
        var taps = new List<(int, double)>[outSize];
        for (int i = 0; i < outSize; i++)
        {
            taps[i] = method switch
            {
                ResampleMethod.Area => Area(i, inSize, outSize),
                ResampleMethod.Nearest => convention switch
                {
                    ResampleConvention.Pil => PilNearest(i, inSize, outSize),
                    ResampleConvention.Matlab => Matlab(i, inSize, outSize, x => x >= -0.5 && x < 0.5 ? 1 : 0, 0.5, antialias: false),
                    _ => [(Math.Min((int)Math.Floor(i * inSize / (double)outSize), inSize - 1), 1.0)],
                },
                _ => convention switch
                {
                    ResampleConvention.Pil => Pil(i, inSize, outSize, kernel, radius),
                    ResampleConvention.Matlab => Matlab(i, inSize, outSize, kernel, radius, antialias: true),
                    _ => OpenCv(i, inSize, outSize, kernel, radius),
                },
            };
        }

        return taps;
    }

    private static List<(int, double)> Pil(int i, int inSize, int outSize, Func<double, double> kernel, double radius)
    {
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1);
        double support = radius * filterScale;
        double center = (i + 0.5) * scale;
        int xmin = Math.Max((int)(center - support + 0.5), 0);
        int xmax = Math.Min((int)(center + support + 0.5), inSize);
        var taps = new List<(int, double)>();
        for (int j = xmin; j < xmax; j++)
        {
            taps.Add((j, kernel((j + 0.5 - center) / filterScale)));
        }

        return Normalized(taps);
    }

    private static List<(int, double)> PilNearest(int i, int inSize, int outSize)
    {
        // PIL steps the position by repeated addition; replay it.
        double step = (double)inSize / outSize, position = step / 2;
        for (int k = 0; k < i; k++)
        {
            position += step;
        }

        return [(Math.Min((int)position, inSize - 1), 1.0)];
    }

    private static List<(int, double)> Matlab(int i, int inSize, int outSize, Func<double, double> kernel, double radius, bool antialias)
    {
        double scale = (double)outSize / inSize;
        Func<double, double> h = kernel;
        double width = 2 * radius;
        if (scale < 1 && antialias)
        {
            h = x => scale * kernel(scale * x);
            width /= scale;
        }

        double u = ((i + 1) / scale) + (0.5 * (1 - (1 / scale)));
        double left = Math.Floor(u - (width / 2));
        int p = (int)Math.Ceiling(width) + 2;
        var taps = new List<(int, double)>();
        for (int j = 0; j < p; j++)
        {
            double index = left + j; // 1-based
            // aux = [1..n, n..1]; ind = aux(mod(ind - 1, 2n) + 1)
            int m = (int)(((index - 1) % (2 * inSize) + (2 * inSize)) % (2 * inSize));
            int mirrored = m < inSize ? m : (2 * inSize) - 1 - m;
            taps.Add((mirrored, h(u - index)));
        }

        return Normalized(taps);
    }

    private static List<(int, double)> OpenCv(int i, int inSize, int outSize, Func<double, double> kernel, double radius)
    {
        double scale = 1.0 / ((double)outSize / inSize);
        float fx = (float)(((i + 0.5) * scale) - 0.5);
        int sx = (int)MathF.Floor(fx);
        int r = (int)Math.Ceiling(radius);
        var taps = new List<(int, double)>();
        for (int j = sx - r + 1; j <= sx + r; j++)
        {
            taps.Add((Math.Clamp(j, 0, inSize - 1), kernel(fx - j)));
        }

        return Normalized(taps);
    }

    private static List<(int, double)> Area(int i, int inSize, int outSize)
    {
        double lo = i * (double)inSize / outSize, hi = Math.Min((i + 1) * (double)inSize / outSize, inSize);
        var taps = new List<(int, double)>();
        for (int j = 0; j < inSize; j++)
        {
            double overlap = Math.Min(hi, j + 1) - Math.Max(lo, j);
            if (overlap > 1e-9)
            {
                taps.Add((j, overlap));
            }
        }

        return Normalized(taps);
    }

    private static List<(int, double)> Normalized(List<(int Index, double Weight)> taps)
    {
        double sum = taps.Sum(t => t.Weight);
        return taps.Select(t => (t.Index, t.Weight / sum)).ToList();
    }

    private static double Triangle(double x) => Math.Max(0, 1 - Math.Abs(x));

    private static double Cubic(double x, double a)
    {
        x = Math.Abs(x);
        return x < 1 ? ((a + 2) * x * x * x) - ((a + 3) * x * x) + 1
            : x < 2 ? a * ((x * x * x) - (5 * x * x) + (8 * x) - 4)
            : 0;
    }

    private static double Lanczos(double x, int n)
    {
        if (x < -n || x >= n)
        {
            return 0;
        }

        return x == 0 ? 1 : n * Math.Sin(Math.PI * x) * Math.Sin(Math.PI * x / n) / (Math.PI * Math.PI * x * x);
    }
}
