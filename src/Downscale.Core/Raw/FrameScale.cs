namespace Downscale.Core.Raw;

/// <summary>A vertical and horizontal scale factor (HR size / LR size), in the raw protocol's [H, W] order.</summary>
/// <param name="Vertical">HR height / LR height.</param>
/// <param name="Horizontal">HR width / LR width.</param>
public readonly record struct FrameScale(double Vertical, double Horizontal);
