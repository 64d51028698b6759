using System.Numerics.Tensors;
using Downscale.Core.Imaging;
using Downscale.Core.Resampling;

namespace Downscale.Core.Raw;

/// <summary>
/// The resampling weights of one axis as plain arrays: output <c>i</c> is
/// <c>Σ_k Weights[i·TapCount + k] · input[Starts[i] + k]</c>, every window inside <c>[0, InputLength)</c> (out-of-range
/// taps are already folded onto the border pixel). The RAW model applies them to tensors, the RAW sampler and the
/// baselines to <see cref="PlanarImage"/>s, so both see the same numbers.
/// </summary>
public sealed class AxisTaps
{
    private AxisTaps(int inputLength, int outputLength, int tapCount, int[] starts, float[] weights)
    {
        InputLength = inputLength;
        OutputLength = outputLength;
        TapCount = tapCount;
        _starts = starts;
        _weights = weights;
    }

    private readonly int[] _starts;
    private readonly float[] _weights;

    /// <summary>Input samples along the axis.</summary>
    public int InputLength { get; }

    /// <summary>Output samples along the axis.</summary>
    public int OutputLength { get; }

    /// <summary>Taps per output sample.</summary>
    public int TapCount { get; }

    /// <summary>First input index of each output's window (<see cref="OutputLength"/> entries).</summary>
    public IReadOnlyList<int> Starts => _starts;

    /// <summary><see cref="OutputLength"/> x <see cref="TapCount"/> weights, row-major.</summary>
    public IReadOnlyList<float> Weights => _weights;

    /// <summary>The input index read by tap <paramref name="tap"/> of output <paramref name="output"/>.</summary>
    public int IndexOf(int output, int tap) => _starts[output] + tap;

    /// <summary>True when every output copies exactly one input sample with weight 1 (a crop or a replicated border).</summary>
    public bool IsSelection => Enumerable.Range(0, OutputLength).All(i =>
        Enumerable.Range(0, TapCount).Count(k => _weights[(i * TapCount) + k] != 0f) == 1
        && Enumerable.Range(0, TapCount).Any(k => _weights[(i * TapCount) + k] == 1f));

    /// <summary>The weights of a classic resize of <paramref name="inputLength"/> samples to <paramref name="outputLength"/>,
    /// exactly as <see cref="Resampler"/> builds them for <paramref name="method"/> in <paramref name="convention"/>.</summary>
    /// <exception cref="ArgumentException">The method is DPID or has no definition in the convention.</exception>
    public static AxisTaps Resize(ResampleMethod method, ResampleConvention convention, int inputLength, int outputLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputLength, 1);
        if (method == ResampleMethod.Dpid)
        {
            throw new ArgumentException("DPID is not a fixed linear filter; it has no weight table.", nameof(method));
        }

        var options = new ResampleOptions { Convention = convention };
        return From(ResamplePlan.Create(method, options, 1, inputLength, 1, outputLength).Vertical);
    }

    /// <summary>
    /// Keys cubic interpolation (a = -0.5, not widened) at positions <c>p_j = offset + (j + 0.5)·step - 0.5</c>,
    /// j in [0, <paramref name="outputLength"/>), on an axis of <paramref name="inputLength"/> samples with replicated
    /// borders. Integer positions give exact copies (the kernel is 1 at 0 and 0 at ±1, ±2).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A length is not positive, or the offset or step is not finite, or the step is not positive.</exception>
    public static AxisTaps CubicAt(int inputLength, double offset, double step, int outputLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputLength, 1);
        if (!double.IsFinite(offset) || !double.IsFinite(step) || step <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), $"Sample positions need a finite offset and a positive finite step, got {offset} and {step}.");
        }

        CubicKernel kernel = KnownKernels.Bicubic;
        var builder = new AxisWeights.Builder(inputLength, outputLength, BorderPolicy.Replicate);
        Span<double> window = stackalloc double[4];
        for (int j = 0; j < outputLength; j++)
        {
            double position = offset + ((j + 0.5) * step) - 0.5;
            double floor = Math.Floor(position);
            double t = position - floor;
            window[0] = kernel.GetValue(t + 1);
            window[1] = kernel.GetValue(t);
            window[2] = kernel.GetValue(1 - t);
            window[3] = kernel.GetValue(2 - t);
            builder.Set(j, (int)floor - 1, window);
        }

        return From(builder.Build());
    }

    /// <summary>Resamples every plane of <paramref name="source"/>: rows with <paramref name="vertical"/>, then columns with <paramref name="horizontal"/>.</summary>
    /// <exception cref="ArgumentException">A table's input length does not match the image.</exception>
    public static PlanarImage Apply(PlanarImage source, AxisTaps vertical, AxisTaps horizontal)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(vertical);
        ArgumentNullException.ThrowIfNull(horizontal);
        if (vertical.InputLength != source.Height || horizontal.InputLength != source.Width)
        {
            throw new ArgumentException(
                $"The tables resample {vertical.InputLength}x{horizontal.InputLength} images, but the image is {source.Height}x{source.Width}.", nameof(source));
        }

        var rows = new PlanarImage(source.Channels, vertical.OutputLength, source.Width);
        for (int c = 0; c < source.Channels; c++)
        {
            for (int y = 0; y < vertical.OutputLength; y++)
            {
                Span<float> target = rows.Row(c, y);
                for (int k = 0; k < vertical.TapCount; k++)
                {
                    float w = vertical._weights[(y * vertical.TapCount) + k];
                    if (w != 0f)
                    {
                        TensorPrimitives.MultiplyAdd(source.Row(c, vertical._starts[y] + k), w, target, target);
                    }
                }
            }
        }

        var result = new PlanarImage(source.Channels, vertical.OutputLength, horizontal.OutputLength);
        for (int c = 0; c < source.Channels; c++)
        {
            for (int y = 0; y < result.Height; y++)
            {
                ReadOnlySpan<float> row = rows.Row(c, y);
                Span<float> target = result.Row(c, y);
                for (int x = 0; x < target.Length; x++)
                {
                    int start = horizontal._starts[x], offset = x * horizontal.TapCount;
                    float sum = 0f;
                    for (int k = 0; k < horizontal.TapCount; k++)
                    {
                        sum += horizontal._weights[offset + k] * row[start + k];
                    }

                    target[x] = sum;
                }
            }
        }

        return result;
    }

    private static AxisTaps From(AxisWeights weights) =>
        new(weights.InputSize, weights.OutputSize, weights.TapCount, weights.Starts, weights.Weights);
}
