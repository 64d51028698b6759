using Downscale.Core.Imaging;

namespace Downscale.Torch.Training;

/// <summary>One training or validation example as planar images on the CPU, before batching.</summary>
/// <param name="Input">What the model sees: for a downscaler, the HR crop, with any extra planes (coordinates) appended.</param>
/// <param name="Target">The ground-truth output (the LR crop), or null when training on HR images alone.</param>
/// <param name="Hr">The HR crop without extra planes (a view of the first planes of <paramref name="Input"/> for a
/// downscaler): what the restorability objective compares the upscaled output with.</param>
public sealed record TrainingSample(PlanarImage Input, PlanarImage? Target, PlanarImage Hr);
