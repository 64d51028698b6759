using System.Numerics.Tensors;
using Downscale.Core.Imaging;

namespace Downscale.Core.Resampling;

/// <summary>
/// Rapid, detail-preserving image downscaling (N. Weber, M. Waechter, S. C. Amend, S. Guthe, M. Goesele, SIGGRAPH Asia
/// 2016).
/// </summary>
/// <remarks>
/// <para>Output pixel p covers the input footprint Ω_p = [x·s_x, (x+1)·s_x) x [y·s_y, (y+1)·s_y). The algorithm:</para>
/// <list type="number">
/// <item>a box-downscaled image: the coverage-weighted mean over each footprint (pixels cut by a footprint border
/// count with the covered fraction, as in the authors' reference);</item>
/// <item>the guidance Ĩ: that image filtered with 1/16 [1 2 1]ᵀ[1 2 1], renormalised where neighbours are missing;</item>
/// <item>O(p) = Σ_q w(q)·I(q) / Σ_q w(q) over q ∈ Ω_p with w(q) = coverage(q)·(‖I(q) - Ĩ(p)‖ / √C)^λ: the colour
/// distance over all C channels, normalised by its maximum √C for values in [0, 1]. When every weight is zero
/// (all pixels equal the guidance) the output is Ĩ(p).</item>
/// </list>
/// <para>Differences to the reference CUDA code, which works on uint8: we keep the box image, the guidance and the
/// output in float instead of truncating each to uint8, and accept any channel count.</para>
/// </remarks>
internal static unsafe class Dpid
{
    /// <summary>Downscales <paramref name="source"/> into <paramref name="destination"/> (same channels).</summary>
    public static void Resize(PlanarImage source, PlanarImage destination, double lambda, int degree)
    {
        var area = ResamplePlan.Create(ResampleMethod.Area, ResampleOptions.Default, source.Width, source.Height, destination.Width, destination.Height);
        var box = new PlanarImage(source.Channels, destination.Height, destination.Width);
        RunPlanar(source, box, area, degree);
        var guidance = new PlanarImage(source.Channels, destination.Height, destination.Width);
        RunPlanar(box, guidance, ResamplePlan.Smoothing(box.Width, box.Height), degree);
        Weigh(source, guidance, destination, area.Horizontal, area.Vertical, (float)lambda, degree);
    }

    private static void RunPlanar(PlanarImage source, PlanarImage destination, ResamplePlan plan, int degree)
    {
        using var input = source.Data.Pin();
        using var output = destination.Data.Pin();
        plan.Run<FloatFormat, FloatFormat>(
            (byte*)input.Pointer, (byte*)output.Pointer, source.Channels,
            (long)source.PlaneLength * sizeof(float), (long)destination.PlaneLength * sizeof(float), 1, 0f, degree);
    }

    /// <summary>Step 3, one output row per work item, vectorised over the row's taps.</summary>
    private static void Weigh(PlanarImage source, PlanarImage guidance, PlanarImage destination, AxisWeights x, AxisWeights y, float lambda, int degree)
    {
        int channels = source.Channels;
        int outWidth = destination.Width;
        int taps = x.TapCount;
        int length = outWidth * taps; // one entry per (output column, tap)
        float inverseChannels = 1f / channels;
        int scratchLength = (2 * channels * length) + (3 * length) + (channels * outWidth) + outWidth;
        Workers.ForEach(destination.Height, degree, scratchLength, (oy, scratch) =>
        {
            var values = new Span<float>(scratch, channels * length);
            var guide = new Span<float>(scratch + (channels * length), channels * length);
            var distance = new Span<float>(scratch + (2 * channels * length), length);
            var weight = new Span<float>(scratch + (2 * channels * length) + length, length);
            var difference = new Span<float>(scratch + (2 * channels * length) + (2 * length), length);
            var sums = new Span<float>(scratch + (2 * channels * length) + (3 * length), channels * outWidth);
            var norms = new Span<float>(scratch + (2 * channels * length) + (3 * length) + (channels * outWidth), outWidth);
            ReadOnlySpan<float> coverage = x.Weights;
            sums.Clear();
            norms.Clear();
            for (int c = 0; c < channels; c++)
            {
                ReadOnlySpan<float> g = guidance.Row(c, oy);
                Span<float> expanded = guide.Slice(c * length, length);
                for (int ox = 0; ox < outWidth; ox++)
                {
                    expanded.Slice(ox * taps, taps).Fill(g[ox]);
                }
            }

            for (int ky = 0; ky < y.TapCount; ky++)
            {
                float wy = y.Weights[(oy * y.TapCount) + ky];
                if (wy == 0f)
                {
                    continue;
                }

                int iy = y.Starts[oy] + ky;
                distance.Clear();
                for (int c = 0; c < channels; c++)
                {
                    ReadOnlySpan<float> row = source.Row(c, iy);
                    Span<float> v = values.Slice(c * length, length);
                    for (int ox = 0; ox < outWidth; ox++)
                    {
                        row.Slice(x.Starts[ox], taps).CopyTo(v.Slice(ox * taps, taps));
                    }

                    TensorPrimitives.Subtract(v, guide.Slice(c * length, length), difference);
                    TensorPrimitives.MultiplyAdd(difference, difference, distance, distance);
                }

                if (lambda == 0f)
                {
                    coverage.CopyTo(weight);
                }
                else
                {
                    TensorPrimitives.Multiply(distance, inverseChannels, distance);
                    if (lambda == 1f)
                    {
                        TensorPrimitives.Sqrt(distance, weight);
                    }
                    else
                    {
                        TensorPrimitives.Pow(distance, lambda * 0.5f, weight);
                    }

                    TensorPrimitives.Multiply(weight, coverage, weight);
                }

                Accumulate(values, weight, wy, sums, norms, channels, outWidth, taps, length);
            }

            for (int c = 0; c < channels; c++)
            {
                ReadOnlySpan<float> g = guidance.Row(c, oy);
                Span<float> o = destination.Row(c, oy);
                for (int ox = 0; ox < outWidth; ox++)
                {
                    o[ox] = norms[ox] > 0f ? sums[(c * outWidth) + ox] / norms[ox] : g[ox];
                }
            }
        });
    }

    /// <summary>Adds row weight <paramref name="wy"/> times each output column's weighted sums.</summary>
    private static void Accumulate(
        ReadOnlySpan<float> values, ReadOnlySpan<float> weight, float wy, Span<float> sums, Span<float> norms,
        int channels, int outWidth, int taps, int length)
    {
        for (int ox = 0, i0 = 0; ox < outWidth; ox++, i0 += taps)
        {
            float norm = 0f;
            for (int k = 0; k < taps; k++)
            {
                norm += weight[i0 + k];
            }

            norms[ox] += wy * norm;
            for (int c = 0; c < channels; c++)
            {
                ReadOnlySpan<float> v = values.Slice((c * length) + i0, taps);
                float sum = 0f;
                for (int k = 0; k < taps; k++)
                {
                    sum += weight[i0 + k] * v[k];
                }

                sums[(c * outWidth) + ox] += wy * sum;
            }
        }
    }
}
