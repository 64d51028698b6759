using System.Globalization;

namespace Downscale.Core.Raw;

/// <summary>An immutable 3x3 colour matrix (row-major), applied to column vectors: <c>out = M · in</c>.</summary>
public sealed class ColorMatrix3x3 : IEquatable<ColorMatrix3x3>
{
    private readonly double[] _values;

    private ColorMatrix3x3(double[] values) => _values = values;

    /// <summary>The identity matrix.</summary>
    public static ColorMatrix3x3 Identity { get; } = new([1, 0, 0, 0, 1, 0, 0, 0, 1]);

    /// <summary>
    /// The linear sRGB (D65) to XYZ matrix of the raw protocol (<c>rgb2xyz</c> in its sidecars).
    /// </summary>
    public static ColorMatrix3x3 SrgbToXyz { get; } = new(
        [0.4124564, 0.3575761, 0.1804375, 0.2126729, 0.7151522, 0.0721750, 0.0193339, 0.1191920, 0.9503041]);

    /// <summary>Element at (<paramref name="row"/>, <paramref name="column"/>), both in [0, 3).</summary>
    public double this[int row, int column]
    {
        get
        {
            if ((uint)row > 2 || (uint)column > 2)
            {
                throw new ArgumentOutOfRangeException(nameof(row), $"({row}, {column}) is outside a 3x3 matrix.");
            }

            return _values[(3 * row) + column];
        }
    }

    /// <summary>Builds a matrix from three rows of three finite numbers.</summary>
    /// <exception cref="ArgumentException">Not 3x3, or a value is NaN or infinite.</exception>
    public static ColorMatrix3x3 FromRows(IReadOnlyList<IReadOnlyList<double>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count != 3 || rows.Any(r => r is null || r.Count != 3))
        {
            throw new ArgumentException("A colour matrix needs exactly 3 rows of 3 values.", nameof(rows));
        }

        double[] values = rows.SelectMany(r => r).ToArray();
        if (values.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("A colour matrix holds only finite values.", nameof(rows));
        }

        return new ColorMatrix3x3(values);
    }

    /// <summary>Builds a matrix from 9 values in row-major order.</summary>
    public static ColorMatrix3x3 FromRowMajor(ReadOnlySpan<double> values)
    {
        if (values.Length != 9)
        {
            throw new ArgumentException($"A 3x3 matrix needs 9 values, got {values.Length}.", nameof(values));
        }

        return FromRows([values[..3].ToArray(), values[3..6].ToArray(), values[6..].ToArray()]);
    }

    /// <summary>The rows as fresh arrays (the JSON form of the sidecars).</summary>
    public double[][] ToRows() => [_values[..3], _values[3..6], _values[6..]];

    /// <summary>Copies the 9 values in row-major order into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<double> destination) => _values.CopyTo(destination);

    /// <summary>The matrix product <c>this · other</c>.</summary>
    public ColorMatrix3x3 Multiply(ColorMatrix3x3 other)
    {
        ArgumentNullException.ThrowIfNull(other);
        double[] result = new double[9];
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                double sum = 0;
                for (int k = 0; k < 3; k++)
                {
                    sum += _values[(3 * r) + k] * other._values[(3 * k) + c];
                }

                result[(3 * r) + c] = sum;
            }
        }

        return new ColorMatrix3x3(result);
    }

    /// <summary>The matrix with each row divided by its sum (so that the row sums are 1).</summary>
    /// <exception cref="InvalidOperationException">A row sums to zero.</exception>
    public ColorMatrix3x3 NormalizeRows()
    {
        double[] result = new double[9];
        for (int r = 0; r < 3; r++)
        {
            double sum = _values[3 * r] + _values[(3 * r) + 1] + _values[(3 * r) + 2];
            if (sum == 0)
            {
                throw new InvalidOperationException($"Row {r} of the matrix sums to zero and cannot be normalised.");
            }

            for (int c = 0; c < 3; c++)
            {
                result[(3 * r) + c] = _values[(3 * r) + c] / sum;
            }
        }

        return new ColorMatrix3x3(result);
    }

    /// <summary>The inverse matrix.</summary>
    /// <exception cref="InvalidOperationException">The matrix is singular.</exception>
    public ColorMatrix3x3 Inverse()
    {
        double[] m = _values;
        double c00 = (m[4] * m[8]) - (m[5] * m[7]);
        double c01 = (m[5] * m[6]) - (m[3] * m[8]);
        double c02 = (m[3] * m[7]) - (m[4] * m[6]);
        double det = (m[0] * c00) + (m[1] * c01) + (m[2] * c02);
        if (Math.Abs(det) < 1e-12)
        {
            throw new InvalidOperationException("The colour matrix is singular and has no inverse.");
        }

        double inv = 1 / det;
        return new ColorMatrix3x3(
        [
            c00 * inv, ((m[2] * m[7]) - (m[1] * m[8])) * inv, ((m[1] * m[5]) - (m[2] * m[4])) * inv,
            c01 * inv, ((m[0] * m[8]) - (m[2] * m[6])) * inv, ((m[2] * m[3]) - (m[0] * m[5])) * inv,
            c02 * inv, ((m[1] * m[6]) - (m[0] * m[7])) * inv, ((m[0] * m[4]) - (m[1] * m[3])) * inv,
        ]);
    }

    /// <summary>True when every element differs from <paramref name="other"/>'s by at most <paramref name="tolerance"/>.</summary>
    public bool ApproximatelyEquals(ColorMatrix3x3 other, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int i = 0; i < 9; i++)
        {
            if (Math.Abs(_values[i] - other._values[i]) > tolerance)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public bool Equals(ColorMatrix3x3? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ColorMatrix3x3);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (double v in _values)
        {
            hash.Add(v);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() =>
        "[" + string.Join("; ", Enumerable.Range(0, 3).Select(r =>
            string.Join(", ", _values.Skip(3 * r).Take(3).Select(v => v.ToString("G6", CultureInfo.InvariantCulture))))) + "]";
}
