namespace Downscale.Core.Resampling;

/// <summary>How a weight table treats taps that fall outside the input.</summary>
internal enum BorderPolicy
{
    /// <summary>The builder already clipped its windows to the input (PIL: clip, then renormalise).</summary>
    Inside,

    /// <summary>Half-sample symmetric mirror: index -1 reads 0, index n reads n - 1 (MATLAB <c>symmetric</c>).</summary>
    Mirror,

    /// <summary>Replicate the edge pixel (OpenCV <c>BORDER_REPLICATE</c>).</summary>
    Replicate,
}

/// <summary>
/// The resampling weights of one axis, precomputed once per resize: output sample <c>i</c> is
/// <c>Σ_k Weights[i·TapCount + k] · input[Starts[i] + k]</c>.
/// </summary>
/// <remarks>
/// Every output has the same <see cref="TapCount"/> so that the pixel loops have no per-output bounds: windows near
/// the end are shifted left and padded with zero weights. Out-of-range taps are folded onto the input pixel that the
/// border policy reads, so windows are always inside <c>[0, InputSize)</c>. Weights are built in float64 and stored
/// as float32.
/// </remarks>
internal sealed class AxisWeights
{
    private AxisWeights(int inputSize, int outputSize, int tapCount, int[] starts, float[] weights)
    {
        InputSize = inputSize;
        OutputSize = outputSize;
        TapCount = tapCount;
        Starts = starts;
        Weights = weights;
    }

    /// <summary>Input samples along this axis.</summary>
    public int InputSize { get; }

    /// <summary>Output samples along this axis.</summary>
    public int OutputSize { get; }

    /// <summary>Taps per output sample (the widest folded window).</summary>
    public int TapCount { get; }

    /// <summary>First input index of each output's window.</summary>
    public int[] Starts { get; }

    /// <summary><see cref="OutputSize"/> x <see cref="TapCount"/> weights.</summary>
    public float[] Weights { get; }

    /// <summary>The weight of input <paramref name="input"/> in output <paramref name="output"/> (0 outside the window).</summary>
    public double WeightOf(int output, int input)
    {
        int k = input - Starts[output];
        return (uint)k < (uint)TapCount ? Weights[(output * TapCount) + k] : 0.0;
    }

    /// <summary>Collects one raw window per output, folds its out-of-range taps and packs the table.</summary>
    internal sealed class Builder(int inputSize, int outputSize, BorderPolicy border)
    {
        private readonly int[] _lows = new int[outputSize];
        private readonly double[][] _windows = new double[outputSize][];

        /// <summary>Sets output <paramref name="output"/>'s taps: <paramref name="weights"/>[j] applies to input <paramref name="first"/> + j.</summary>
        public void Set(int output, int first, ReadOnlySpan<double> weights)
        {
            int lo = int.MaxValue, hi = int.MinValue;
            for (int j = 0; j < weights.Length; j++)
            {
                if (weights[j] != 0.0)
                {
                    int index = Map(first + j);
                    lo = Math.Min(lo, index);
                    hi = Math.Max(hi, index);
                }
            }

            if (lo > hi)
            {
                // An all-zero window (a filter that misses every pixel): keep one zero tap at a valid index.
                lo = hi = Math.Clamp(first, 0, inputSize - 1);
            }

            var folded = new double[hi - lo + 1];
            for (int j = 0; j < weights.Length; j++)
            {
                if (weights[j] != 0.0)
                {
                    folded[Map(first + j) - lo] += weights[j];
                }
            }

            _lows[output] = lo;
            _windows[output] = folded;
        }

        /// <summary>Packs the windows into a table with one tap count.</summary>
        public AxisWeights Build()
        {
            int taps = 1;
            foreach (double[] window in _windows)
            {
                taps = Math.Max(taps, window?.Length ?? throw new InvalidOperationException("Every output needs a window."));
            }

            var starts = new int[outputSize];
            var weights = new float[outputSize * taps];
            for (int i = 0; i < outputSize; i++)
            {
                int start = Math.Min(_lows[i], inputSize - taps);
                starts[i] = start;
                double[] window = _windows[i];
                for (int j = 0; j < window.Length; j++)
                {
                    weights[(i * taps) + (_lows[i] - start) + j] = (float)window[j];
                }
            }

            return new AxisWeights(inputSize, outputSize, taps, starts, weights);
        }

        private int Map(int index)
        {
            if ((uint)index < (uint)inputSize)
            {
                return index;
            }

            switch (border)
            {
                case BorderPolicy.Replicate:
                    return Math.Clamp(index, 0, inputSize - 1);
                case BorderPolicy.Mirror:
                    int period = 2 * inputSize;
                    int m = ((index % period) + period) % period;
                    return m < inputSize ? m : period - 1 - m;
                default:
                    throw new InvalidOperationException($"Tap {index} is outside [0, {inputSize}) under the Inside policy.");
            }
        }
    }
}
