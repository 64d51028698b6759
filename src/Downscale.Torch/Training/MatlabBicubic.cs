using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Training;

/// <summary>
/// MATLAB's <c>imresize(x, [H W], 'bicubic')</c> as two differentiable matrix products,
/// <c>y = W_h · x · W_wᵀ</c>: Keys' cubic with a = -0.5, sample centres <c>u = i/k + 0.5 (1 - 1/k)</c> (1-based),
/// half-sample symmetric borders, and, when shrinking, the kernel widened by 1/k (MATLAB's antialiasing).
/// </summary>
/// <remarks>
/// The restorability objective (the paper's Table III protocol) upscales the model's output with it and compares with
/// the HR image; gradients flow through both products. Weights are computed in float64 as MATLAB does, stored as float32,
/// and cached per (size, device), so the class owns native tensors: dispose it when done. Thread-safe.
/// </remarks>
public sealed class MatlabBicubic : IDisposable
{
    private const double A = -0.5;
    private readonly Dictionary<(long In, long Out, string Device, ScalarType Type), Tensor> _matrices = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>
    /// Resizes the last two axes of <paramref name="input"/> (..., h, w) to <paramref name="height"/> x <paramref name="width"/>.
    /// Returns a new tensor; the input is not disposed.
    /// </summary>
    /// <exception cref="ArgumentException">The input has fewer than 2 dimensions, or is not floating point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public Tensor Resize(Tensor input, long height, long width)
    {
        ArgumentNullException.ThrowIfNull(input);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (input.dim() < 2 || !input.is_floating_point())
        {
            throw new ArgumentException($"Resize needs a floating-point tensor of at least 2 dimensions, got {input.dtype} [{string.Join(", ", input.shape)}].", nameof(input));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        Tensor rows = Matrix(input.shape[^2], height, input);
        Tensor columns = Matrix(input.shape[^1], width, input);
        using Tensor vertical = matmul(rows, input);
        using Tensor columnsT = columns.t();
        return matmul(vertical, columnsT);
    }

    /// <summary>
    /// The out x in weight matrix, row-major, in float64: row i holds the weights of output sample i over the input
    /// samples, with taps beyond the borders folded back onto their mirror images.
    /// </summary>
    public static double[] Weights(int inSize, int outSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outSize, 1);
        double k = (double)outSize / inSize;
        bool widen = k < 1.0;
        double support = 4.0 / (widen ? k : 1.0);
        int taps = (int)Math.Ceiling(support) + 2;
        var matrix = new double[(long)outSize * inSize];
        var window = new double[taps];
        for (int i = 0; i < outSize; i++)
        {
            double u = ((i + 1) / k) + (0.5 * (1.0 - (1.0 / k)));
            double left = Math.Floor(u - (support / 2.0));
            double sum = 0.0;
            for (int j = 0; j < taps; j++)
            {
                double d = u - (left + j);
                window[j] = widen ? k * Cubic(k * d) : Cubic(d);
                sum += window[j];
            }

            for (int j = 0; j < taps; j++)
            {
                int source = Mirror((int)left + j - 1, inSize);
                matrix[((long)i * inSize) + source] += window[j] / sum;
            }
        }

        return matrix;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (Tensor matrix in _matrices.Values)
            {
                matrix.Dispose();
            }

            _matrices.Clear();
            _disposed = true;
        }
    }

    private Tensor Matrix(long inSize, long outSize, Tensor like)
    {
        var key = (inSize, outSize, like.device.ToString(), like.dtype);
        lock (_gate)
        {
            if (!_matrices.TryGetValue(key, out Tensor? matrix))
            {
                using var scope = NewDisposeScope();
                double[] weights = Weights(checked((int)inSize), checked((int)outSize));
                matrix = tensor(weights, [outSize, inSize], ScalarType.Float64).to(like.dtype, like.device)
                    .DetachFromDisposeScope();
                _matrices[key] = matrix;
            }

            return matrix;
        }
    }

    /// <summary>Half-sample symmetric index (MATLAB's <c>[1:n, n:-1:1]</c> period), 0-based.</summary>
    private static int Mirror(int index, int size)
    {
        int period = 2 * size;
        int m = ((index % period) + period) % period;
        return m < size ? m : period - 1 - m;
    }

    private static double Cubic(double x)
    {
        double ax = Math.Abs(x), ax2 = ax * ax, ax3 = ax2 * ax;
        if (ax <= 1.0)
        {
            return ((A + 2.0) * ax3) - ((A + 3.0) * ax2) + 1.0;
        }

        return ax <= 2.0 ? (A * ax3) - (5.0 * A * ax2) + (8.0 * A * ax) - (4.0 * A) : 0.0;
    }
}
