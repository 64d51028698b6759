using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Training;

namespace Downscale.MLNet.Torch;

/// <summary>ADK-Net on <c>mlContext.Downscaling().Trainers</c>.</summary>
public static class AdkNetTrainersExtensions
{
    /// <summary>An ADK-Net trainer with the paper's architecture at <paramref name="scale"/>.</summary>
    /// <param name="trainers">The trainers catalog.</param>
    /// <param name="scale">2, 3 or 4.</param>
    /// <param name="hrColumnName">The HR image (or path) column.</param>
    /// <param name="lrColumnName">The ground-truth LR image (or path) column.</param>
    /// <param name="outputColumnName">The column the fitted transformer writes.</param>
    /// <param name="steps">Optimiser steps.</param>
    public static AdkNetTrainer AdkNet(
        this DownscalingTrainers trainers, int scale, string hrColumnName = "Hr", string lrColumnName = "Lr", string outputColumnName = "Downscaled", long steps = 1000)
    {
        ArgumentNullException.ThrowIfNull(trainers);
        return new AdkNetTrainer(new AdkNetTrainerOptions
        {
            Model = new AdkNetOptions { Scale = scale },
            HrColumnName = hrColumnName,
            LrColumnName = lrColumnName,
            OutputColumnName = outputColumnName,
            Training = new TrainerOptions { Steps = steps },
        });
    }

    /// <summary>An ADK-Net trainer as <paramref name="options"/> say.</summary>
    /// <param name="trainers">The trainers catalog.</param>
    /// <param name="options">The options.</param>
    public static AdkNetTrainer AdkNet(this DownscalingTrainers trainers, AdkNetTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(trainers);
        return new AdkNetTrainer(options);
    }
}
