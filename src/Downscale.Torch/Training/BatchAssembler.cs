using Downscale.Core.Imaging;
using Downscale.Torch.Imaging;
using static TorchSharp.torch;

namespace Downscale.Torch.Training;

/// <summary>Draws a step's samples and stacks them into a <see cref="TrainingBatch"/> on the training device.</summary>
internal static class BatchAssembler
{
    /// <summary>The samples of step <paramref name="stepIndex"/> (0-based): sample indices stepIndex x B .. + B - 1, drawn in parallel.</summary>
    public static TrainingSample[] Draw(ITrainingSampler sampler, int seed, long stepIndex, int batchSize)
    {
        var samples = new TrainingSample[batchSize];
        long first = checked(stepIndex * batchSize);
        if (batchSize == 1)
        {
            samples[0] = sampler.Draw(seed, first);
        }
        else
        {
            Parallel.For(0, batchSize, i => samples[i] = sampler.Draw(seed, first + i));
        }

        return samples;
    }

    /// <summary>Stacks the samples; the tensors belong to the caller's dispose scope.</summary>
    /// <exception cref="ArgumentException">The samples differ in shape, or only some have targets.</exception>
    public static TrainingBatch Stack(IReadOnlyList<TrainingSample> samples, Device device)
    {
        bool withTargets = samples[0].Target is not null;
        if (samples.Any(s => (s.Target is not null) != withTargets))
        {
            throw new ArgumentException("Either every sample of a batch has a target or none has.", nameof(samples));
        }

        Tensor input = Stack(samples, s => s.Input, "input", device);
        Tensor? target = withTargets ? Stack(samples, s => s.Target!, "target", device) : null;
        Tensor hr = Stack(samples, s => s.Hr, "HR", device);
        return new TrainingBatch(input, target, hr);
    }

    private static Tensor Stack(IReadOnlyList<TrainingSample> samples, Func<TrainingSample, PlanarImage> select, string role, Device device)
    {
        PlanarImage first = select(samples[0]);
        Tensor batch = empty([samples.Count, first.Channels, first.Height, first.Width], ScalarType.Float32);
        for (int i = 0; i < samples.Count; i++)
        {
            PlanarImage image = select(samples[i]);
            if (!image.SameShape(first))
            {
                throw new ArgumentException(
                    $"The samples of a batch must share one shape, but {role} {i} is {image} and {role} 0 is {first}; crop them (HrPatchSize) or use batch size 1.",
                    nameof(samples));
            }

            using Tensor view = image.ToTensor();
            using Tensor source = view[0];
            using Tensor slot = batch[i];
            slot.copy_(source);
        }

        return device.type == TorchSharp.DeviceType.CPU ? batch : batch.to(device);
    }
}
