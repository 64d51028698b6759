using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
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

    /// <summary>Step 3, one output row per work item.</summary>
    private static void Weigh(PlanarImage source, PlanarImage guidance, PlanarImage destination, AxisWeights x, AxisWeights y, float lambda, int degree)
    {
        int length = destination.Width * x.TapCount; // one entry per (output column, tap)
        bool contiguous = true; // integer factors: the taps of consecutive outputs tile the row
        for (int ox = 0; ox < destination.Width; ox++)
        {
            contiguous &= x.Starts[ox] == x.Starts[0] + (ox * x.TapCount);
        }

        int scratchLength = ((3 * source.Channels) + 4) * length;
        Workers.ForEach(destination.Height, degree, scratchLength, (oy, scratch) =>
            WeighRow(source, guidance, destination, x, y, lambda, contiguous, oy, scratch));
    }

    /// <summary>
    /// Output row <paramref name="oy"/>: the taps of all its pixels are laid out side by side (output column x tap), so
    /// that distances, their powers and the weighted sums are whole-row TensorPrimitives calls; the per-pixel
    /// reduction over taps runs once per output row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WeighRow(
        PlanarImage source, PlanarImage guidance, PlanarImage destination, AxisWeights x, AxisWeights y, float lambda, bool contiguous, int oy, float* scratch)
    {
        int channels = source.Channels;
        int outWidth = destination.Width;
        int taps = x.TapCount;
        int length = outWidth * taps;
        float* next = scratch;
        Span<float> Take(int count)
        {
            var span = new Span<float>(next, count);
            next += count;
            return span;
        }

        Span<float> gathered = Take(channels * length);
        Span<float> guide = Take(channels * length);
        Span<float> sums = Take(channels * length);
        Span<float> norms = Take(length);
        Span<float> distance = Take(length);
        Span<float> weight = Take(length);
        Span<float> difference = Take(length);
        ReadOnlySpan<float> coverage = x.Weights;
        ReadOnlySpan<int> starts = x.Starts;
        sums.Clear();
        norms.Clear();
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> g = guidance.Row(c, oy);
            Span<float> expanded = guide.Slice(c * length, length);
            fixed (float* to = expanded)
            {
                float* cursor = to;
                for (int ox = 0; ox < outWidth; ox++)
                {
                    float value = g[ox];
                    for (int k = 0; k < taps; k++)
                    {
                        *cursor++ = value; // taps are few: a loop beats Fill's call
                    }
                }
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
                ReadOnlySpan<float> v = Taps(source.Row(c, iy), starts, taps, contiguous, gathered.Slice(c * length, length));
                TensorPrimitives.Subtract(v, guide.Slice(c * length, length), difference);
                TensorPrimitives.MultiplyAdd(difference, difference, distance, distance);
            }

            // w = wy · coverage · (‖d‖ / √C)^λ, with (‖d‖ / √C)^λ = (‖d‖² / C)^(λ/2)
            if (lambda == 0f)
            {
                TensorPrimitives.Multiply(coverage, wy, weight);
            }
            else
            {
                TensorPrimitives.Multiply(distance, 1f / channels, distance);
                if (lambda == 1f)
                {
                    TensorPrimitives.Sqrt(distance, weight);
                }
                else
                {
                    TensorPrimitives.Pow(distance, lambda * 0.5f, weight);
                }

                TensorPrimitives.Multiply(weight, coverage, weight);
                TensorPrimitives.Multiply(weight, wy, weight);
            }

            TensorPrimitives.Add(norms, weight, norms);
            for (int c = 0; c < channels; c++)
            {
                ReadOnlySpan<float> v = contiguous ? source.Row(c, iy).Slice(starts[0], length) : gathered.Slice(c * length, length);
                TensorPrimitives.MultiplyAdd(weight, v, sums.Slice(c * length, length), sums.Slice(c * length, length));
            }
        }

        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> g = guidance.Row(c, oy);
            ReadOnlySpan<float> sum = sums.Slice(c * length, length);
            Span<float> o = destination.Row(c, oy);
            for (int ox = 0, i = 0; ox < outWidth; ox++, i += taps)
            {
                float norm = 0f, total = 0f;
                for (int k = 0; k < taps; k++)
                {
                    norm += norms[i + k];
                    total += sum[i + k];
                }

                o[ox] = norm > 0f ? total / norm : g[ox];
            }
        }
    }

    /// <summary>The row's values in (output column, tap) layout: the row itself when the windows tile it, else gathered.</summary>
    private static ReadOnlySpan<float> Taps(ReadOnlySpan<float> row, ReadOnlySpan<int> starts, int taps, bool contiguous, Span<float> gathered)
    {
        if (contiguous)
        {
            return row.Slice(starts[0], gathered.Length);
        }

        // Windows lie inside the row (AxisWeights guarantees it), so the copy can skip bounds checks.
        fixed (float* from = row)
        fixed (float* to = gathered)
        fixed (int* start = starts)
        {
            float* destination = to;
            for (int ox = 0; ox < starts.Length; ox++)
            {
                float* window = from + start[ox];
                for (int k = 0; k < taps; k++)
                {
                    *destination++ = window[k];
                }
            }
        }

        return gathered;
    }
}
