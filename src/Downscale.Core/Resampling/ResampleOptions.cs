namespace Downscale.Core.Resampling;

/// <summary>Options of <see cref="Resampler"/>. Immutable; invalid values fail when set.</summary>
public sealed class ResampleOptions
{
    private readonly double _dpidLambda = Defaults.DpidLambda;
    private readonly double? _cubicCoefficient;
    private readonly int _maxDegreeOfParallelism = Defaults.MaxDegreeOfParallelism;

    /// <summary>The options used when none are given.</summary>
    public static ResampleOptions Default { get; } = new();

    /// <summary>Which tool's definition of the method to reproduce. Default <see cref="Defaults.Convention"/>.</summary>
    public ResampleConvention Convention { get; init; } = Defaults.Convention;

    /// <summary>
    /// The a of the cubic kernel, or null for the convention's own (-0.5 for PIL and MATLAB, -0.75 for OpenCV).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite.</exception>
    public double? CubicCoefficient
    {
        get => _cubicCoefficient;
        init
        {
            if (value is { } a && !double.IsFinite(a))
            {
                throw new ArgumentOutOfRangeException(nameof(CubicCoefficient), a, "The cubic coefficient must be a finite number (PIL and MATLAB use -0.5).");
            }

            _cubicCoefficient = value;
        }
    }

    /// <summary>
    /// DPID's λ ≥ 0: the exponent of the colour distance that weights each input pixel. 0 is a box filter (area
    /// average); larger values keep more of the pixels that differ from their neighbourhood. Default
    /// <see cref="Defaults.DpidLambda"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public double DpidLambda
    {
        get => _dpidLambda;
        init
        {
            if (!double.IsFinite(value) || value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(DpidLambda), value, "DPID's lambda must be a finite number >= 0 (the paper uses 0.5 and 1).");
            }

            _dpidLambda = value;
        }
    }

    /// <summary>Most threads one resize uses; -1 means all cores. Default <see cref="Defaults.MaxDegreeOfParallelism"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or less than -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init
        {
            if (value == 0 || value < -1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, "Use -1 for all cores or a positive thread count.");
            }

            _maxDegreeOfParallelism = value;
        }
    }

    /// <summary>The cubic a in effect for this convention.</summary>
    internal double EffectiveCubicA =>
        CubicCoefficient ?? (Convention == ResampleConvention.OpenCv ? CubicKernel.OpenCvA : CubicKernel.DefaultA);

    /// <summary>The thread count in effect.</summary>
    internal int EffectiveDegree => MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : MaxDegreeOfParallelism;

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>PIL, the convention most Python pipelines use.</summary>
        public const ResampleConvention Convention = ResampleConvention.Pil;

        /// <summary>λ = 1, the default of the authors' reference implementation.</summary>
        public const double DpidLambda = 1.0;

        /// <summary>All cores.</summary>
        public const int MaxDegreeOfParallelism = -1;
    }
}
