using static TorchSharp.torch;

namespace Downscale.Torch.Training;

/// <summary>
/// A batch of <see cref="TrainingSample"/>s stacked into N x C x H x W tensors on the training device. The trainer
/// creates it inside the step's dispose scope, which owns and disposes the tensors: objectives must not dispose them.
/// </summary>
/// <param name="Input">The model input, N x C_in x H x W.</param>
/// <param name="Target">The ground truth, N x C x h x w, or null when the samples carry none.</param>
/// <param name="Hr">The HR images without extra planes, N x C_hr x H x W.</param>
public sealed record TrainingBatch(Tensor Input, Tensor? Target, Tensor Hr);
