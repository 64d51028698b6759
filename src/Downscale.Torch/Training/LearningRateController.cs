using System.Text.Json.Nodes;

namespace Downscale.Torch.Training;

/// <summary>The changing part of a <see cref="LearningRateSchedule"/>: the current rate and the plateau counters; saved in checkpoints.</summary>
internal sealed class LearningRateController
{
    private readonly LearningRateSchedule _schedule;
    private readonly double _initial;

    public LearningRateController(LearningRateSchedule schedule, double initialLearningRate)
    {
        _schedule = schedule;
        _initial = initialLearningRate;
        LearningRate = initialLearningRate;
    }

    /// <summary>The rate of the next step.</summary>
    public double LearningRate { get; private set; }

    /// <summary>Plateau: the best validation loss so far.</summary>
    public double BestLoss { get; private set; } = double.PositiveInfinity;

    /// <summary>Plateau: validations since the last improvement.</summary>
    public int BadValidations { get; private set; }

    /// <summary>Called after step <paramref name="completedSteps"/> (1-based).</summary>
    public void AfterStep(long completedSteps)
    {
        if (_schedule.Kind == LearningRateScheduleKind.StepDecay)
        {
            LearningRate = _initial * Math.Pow(_schedule.Factor, completedSteps / _schedule.EverySteps);
        }
    }

    /// <summary>Called with each validation loss (PyTorch's <c>ReduceLROnPlateau.step</c>).</summary>
    public void AfterValidation(double loss)
    {
        if (_schedule.Kind != LearningRateScheduleKind.ReduceOnPlateau)
        {
            return;
        }

        if (loss < BestLoss * (1.0 - _schedule.Threshold))
        {
            BestLoss = loss;
            BadValidations = 0;
        }
        else
        {
            BadValidations++;
        }

        if (BadValidations > _schedule.Patience)
        {
            double reduced = Math.Max(LearningRate * _schedule.Factor, _schedule.MinLearningRate);
            if (LearningRate - reduced > 1e-8) // PyTorch's eps: changes below it are skipped
            {
                LearningRate = reduced;
            }

            BadValidations = 0;
        }
    }

    public JsonObject Save() => new()
    {
        ["learning_rate"] = LearningRate,
        ["best_loss"] = double.IsFinite(BestLoss) ? BestLoss : null,
        ["bad_validations"] = BadValidations,
    };

    public void Restore(JsonObject state)
    {
        LearningRate = state["learning_rate"]!.GetValue<double>();
        BestLoss = state["best_loss"]?.GetValue<double>() ?? double.PositiveInfinity;
        BadValidations = state["bad_validations"]!.GetValue<int>();
    }
}
