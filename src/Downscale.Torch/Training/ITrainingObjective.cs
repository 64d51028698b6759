using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Training;

/// <summary>
/// What the trainer minimises: runs the model on a batch and returns a scalar loss to back-propagate. ADK-Net uses
/// <see cref="DownscalingObjective"/>; other models (the RAW wavelet model's L_con + L_hwc + 0.1 L_em) plug in their own.
/// </summary>
/// <remarks>
/// Called inside the step's dispose scope with autograd on: intermediate tensors need no disposal, and the batch must
/// not be disposed. The same objective scores the validation samples with gradients off.
/// </remarks>
public interface ITrainingObjective
{
    /// <summary>
    /// Names the objective and every setting that changes its value (e.g. <c>downscaling(l1=1,restorability=0.5)</c>).
    /// It enters the options hash of checkpoints, so a run cannot be resumed under another objective.
    /// </summary>
    string Signature { get; }

    /// <summary>The scalar loss of <paramref name="model"/> on <paramref name="batch"/>.</summary>
    Tensor Loss(Module<Tensor, Tensor> model, TrainingBatch batch);
}
