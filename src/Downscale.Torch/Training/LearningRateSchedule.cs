using System.Globalization;

namespace Downscale.Torch.Training;

/// <summary>How the learning rate changes during training: constant, halved on a validation plateau, or decayed every N steps.</summary>
/// <remarks>Immutable; the trainer keeps the changing part (current rate, plateau counters) in its checkpoints.</remarks>
public sealed class LearningRateSchedule
{
    private LearningRateSchedule(LearningRateScheduleKind kind, double factor, int patience, double threshold, double minLearningRate, long everySteps)
    {
        Kind = kind;
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        MinLearningRate = minLearningRate;
        EverySteps = everySteps;
    }

    /// <summary>The rate never changes.</summary>
    public static LearningRateSchedule Constant { get; } = new(LearningRateScheduleKind.Constant, 1.0, 0, 0, 0, 0);

    /// <summary>Which schedule this is.</summary>
    public LearningRateScheduleKind Kind { get; }

    /// <summary>The multiplier applied at each reduction (plateau) or decay (step decay).</summary>
    public double Factor { get; }

    /// <summary>Plateau: validations without improvement tolerated before the rate is reduced.</summary>
    public int Patience { get; }

    /// <summary>Plateau: a validation loss improves when it is below best x (1 - threshold) (PyTorch's relative mode).</summary>
    public double Threshold { get; }

    /// <summary>Plateau: the rate is never reduced below this.</summary>
    public double MinLearningRate { get; }

    /// <summary>Step decay: the rate is multiplied by <see cref="Factor"/> after every this many steps.</summary>
    public long EverySteps { get; }

    /// <summary>True when the schedule reads validation losses.</summary>
    public bool NeedsValidation => Kind == LearningRateScheduleKind.ReduceOnPlateau;

    /// <summary>Describes the schedule for the options hash.</summary>
    public string Signature => Kind switch
    {
        LearningRateScheduleKind.ReduceOnPlateau => string.Create(
            CultureInfo.InvariantCulture, $"plateau(factor={Factor:R},patience={Patience},threshold={Threshold:R},min_lr={MinLearningRate:R})"),
        LearningRateScheduleKind.StepDecay => string.Create(CultureInfo.InvariantCulture, $"step_decay(every={EverySteps},factor={Factor:R})"),
        _ => "constant",
    };

    /// <summary>
    /// PyTorch's <c>ReduceLROnPlateau</c> (mode min, relative threshold, no cooldown) on the validation L1: after more
    /// than <paramref name="patience"/> validations without improvement the rate is multiplied by <paramref name="factor"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static LearningRateSchedule ReduceOnPlateau(int patience, double factor = 0.5, double threshold = 1e-4, double minLearningRate = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        CheckFactor(factor);
        if (!double.IsFinite(threshold) || threshold < 0 || threshold >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold is a relative improvement in [0, 1).");
        }

        if (!double.IsFinite(minLearningRate) || minLearningRate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minLearningRate), minLearningRate, "The minimum rate must be finite and non-negative.");
        }

        return new(LearningRateScheduleKind.ReduceOnPlateau, factor, patience, threshold, minLearningRate, 0);
    }

    /// <summary>The rate times <paramref name="factor"/> after every <paramref name="everySteps"/> steps: lr0 x factor^floor(step / N).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static LearningRateSchedule StepDecay(long everySteps, double factor = 0.8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(everySteps, 1);
        CheckFactor(factor);
        return new(LearningRateScheduleKind.StepDecay, factor, 0, 0, 0, everySteps);
    }

    /// <inheritdoc />
    public override string ToString() => Signature;

    private static void CheckFactor(double factor)
    {
        if (!double.IsFinite(factor) || factor <= 0 || factor >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The factor must be in (0, 1) (0.5 halves the rate).");
        }
    }
}

/// <summary>The kinds of <see cref="LearningRateSchedule"/>.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>No change.</summary>
    Constant,

    /// <summary>Multiply by a factor when the validation loss stops improving.</summary>
    ReduceOnPlateau,

    /// <summary>Multiply by a factor every N steps.</summary>
    StepDecay,
}
