namespace Downscale.Core.Data;

/// <summary>One HR/LR pair of an RGB data set, by path; nothing is decoded until <see cref="PairLoader"/> loads it.</summary>
/// <param name="Name">The pair's name (file stem shared by both images, e.g. <c>baboon</c>, <c>0001</c>, <c>Canon_001</c>).</param>
/// <param name="HrPath">Full path of the high-resolution image.</param>
/// <param name="LrPath">Full path of the low-resolution image.</param>
/// <param name="Scale">Integer downscaling factor: the HR is <c>Scale</c> times the LR (up to a mod-crop).</param>
public sealed record ImagePair(string Name, string HrPath, string LrPath, int Scale);
