using Downscale.Core.Metrics;
using Downscale.Torch.Imaging;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Training;

/// <summary>Scores a model on a <see cref="ValidationSet"/>: one sample at a time, gradients off, the model in eval mode.</summary>
internal static class Validator
{
    /// <summary>Mean L1 and mean PSNR over the set (<see cref="ValidationResult.IsBest"/> left false).</summary>
    public static ValidationResult Run(Module<Tensor, Tensor> model, ValidationSet set, Device device, long step)
    {
        double l1 = 0, psnr = 0;
        var options = new QualityOptions { CropBorder = set.CropBorder };
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            foreach (TrainingSample sample in set.Samples)
            {
                using var scope = NewDisposeScope();
                TrainingBatch batch = BatchAssembler.Stack([sample], device);
                Tensor output = model.forward(batch.Input);
                Tensor target = batch.Target!;
                if (!output.shape.SequenceEqual(target.shape))
                {
                    throw new InvalidOperationException(
                        $"On a validation sample the model's output [{string.Join(", ", output.shape)}] does not match the target [{string.Join(", ", target.shape)}].");
                }

                l1 += (output - target).abs().mean().item<float>();
                psnr += Psnr.Compute(output.ToPlanarImage(), sample.Target!, options);
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return new ValidationResult(step, l1 / set.Samples.Count, psnr / set.Samples.Count, IsBest: false);
    }
}
