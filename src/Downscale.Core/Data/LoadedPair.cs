using Downscale.Core.Imaging;

namespace Downscale.Core.Data;

/// <summary>A decoded HR/LR pair whose sizes agree exactly: the HR is <see cref="Scale"/> times the LR on both axes.</summary>
/// <param name="Name">The pair's name.</param>
/// <param name="Hr">The high-resolution image (mod-cropped to <c>Scale</c> x the LR size).</param>
/// <param name="Lr">The low-resolution image.</param>
/// <param name="Scale">The integer scale.</param>
public sealed record LoadedPair(string Name, PlanarImage Hr, PlanarImage Lr, int Scale);
