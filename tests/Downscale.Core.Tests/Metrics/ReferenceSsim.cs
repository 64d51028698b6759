namespace Downscale.Core.Tests.Metrics;

/// <summary>
/// A naive transcription of skimage's structural_similarity (gaussian_weights=True, sigma=1.5,
/// use_sample_covariance=False): full-image Gaussian filtering with scipy's 'reflect' borders (half-sample symmetric),
/// a direct 2-D window, then the mean of the map without its 5-pixel rim. Slow, obvious, and used to check the fast one.
/// </summary>
internal static class ReferenceSsim
{
    public static double Mean(double[,] x, double[,] y, double dataRange)
    {
        int h = x.GetLength(0), w = x.GetLength(1);
        double[] g = Gaussian();
        double c1 = Math.Pow(0.01 * dataRange, 2), c2 = Math.Pow(0.03 * dataRange, 2);
        double sum = 0;
        int count = 0;
        for (int i = 5; i < h - 5; i++)
        {
            for (int j = 5; j < w - 5; j++)
            {
                double ux = 0, uy = 0, uxx = 0, uyy = 0, uxy = 0;
                for (int a = -5; a <= 5; a++)
                {
                    for (int b = -5; b <= 5; b++)
                    {
                        double weight = g[a + 5] * g[b + 5];
                        double xv = x[Reflect(i + a, h), Reflect(j + b, w)], yv = y[Reflect(i + a, h), Reflect(j + b, w)];
                        ux += weight * xv;
                        uy += weight * yv;
                        uxx += weight * xv * xv;
                        uyy += weight * yv * yv;
                        uxy += weight * xv * yv;
                    }
                }

                double vx = uxx - (ux * ux), vy = uyy - (uy * uy), vxy = uxy - (ux * uy);
                sum += (((2 * ux * uy) + c1) * ((2 * vxy) + c2)) / (((ux * ux) + (uy * uy) + c1) * (vx + vy + c2));
                count++;
            }
        }

        return sum / count;
    }

    // scipy.ndimage 'reflect': d c b a | a b c d | d c b a (the edge pixel repeats).
    private static int Reflect(int index, int length)
    {
        int period = 2 * length;
        int m = ((index % period) + period) % period;
        return m < length ? m : period - 1 - m;
    }

    private static double[] Gaussian()
    {
        var g = new double[11];
        for (int i = 0; i < 11; i++)
        {
            g[i] = Math.Exp(-0.5 * Math.Pow((i - 5) / 1.5, 2));
        }

        double total = g.Sum();
        return g.Select(v => v / total).ToArray();
    }
}
