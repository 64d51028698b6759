using System.Text.Json.Nodes;

namespace Downscale.Torch.Training;

/// <summary>The trainer's own counters, saved in each checkpoint: the step (the data cursor), the loss average and the best validation.</summary>
internal sealed class TrainerState
{
    /// <summary>Completed steps; step t + 1 draws samples t x B .. t x B + B - 1.</summary>
    public long Step { get; set; }

    /// <summary>Loss of the last step.</summary>
    public double LastLoss { get; set; } = double.NaN;

    /// <summary>The bias-corrected moving average of the loss.</summary>
    public double SmoothedLoss => _lossWeight > 0 ? _lossAverage / _lossWeight : double.NaN;

    /// <summary>The best validation so far.</summary>
    public ValidationResult? Best { get; set; }

    /// <summary>The latest validation.</summary>
    public ValidationResult? LastValidation { get; set; }

    private double _lossAverage;
    private double _lossWeight;

    /// <summary>Adds a step's loss to the moving average with weight <c>1 - smoothing</c>.</summary>
    public void AddLoss(double loss, double smoothing)
    {
        LastLoss = loss;
        _lossAverage = (smoothing * _lossAverage) + ((1 - smoothing) * loss);
        _lossWeight = (smoothing * _lossWeight) + (1 - smoothing);
    }

    public JsonObject Save() => new()
    {
        ["step"] = Step,
        ["last_loss"] = double.IsFinite(LastLoss) ? LastLoss : null,
        ["loss_average"] = _lossAverage,
        ["loss_weight"] = _lossWeight,
        ["best"] = Save(Best),
        ["last_validation"] = Save(LastValidation),
    };

    public static TrainerState Restore(JsonObject json) => new()
    {
        Step = json["step"]!.GetValue<long>(),
        LastLoss = json["last_loss"]?.GetValue<double>() ?? double.NaN,
        _lossAverage = json["loss_average"]!.GetValue<double>(),
        _lossWeight = json["loss_weight"]!.GetValue<double>(),
        Best = Restore(json["best"]),
        LastValidation = Restore(json["last_validation"]),
    };

    private static JsonObject? Save(ValidationResult? result) => result is null ? null : new JsonObject
    {
        ["step"] = result.Step,
        ["l1"] = result.L1,
        ["psnr"] = double.IsFinite(result.Psnr) ? result.Psnr : null,
        ["best"] = result.IsBest,
    };

    private static ValidationResult? Restore(JsonNode? node) => node is null ? null : new ValidationResult(
        node["step"]!.GetValue<long>(),
        node["l1"]!.GetValue<double>(),
        node["psnr"]?.GetValue<double>() ?? double.PositiveInfinity,
        node["best"]!.GetValue<bool>());
}
