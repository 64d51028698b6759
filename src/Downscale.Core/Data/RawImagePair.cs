namespace Downscale.Core.Data;

/// <summary>
/// One pairs-v1 RAW pair (RGGB mosaics, 16-bit PNG) with its JSON sidecars (white balance, colour matrices,
/// <c>hr_region</c>, <c>scale_actual</c>; see the data README). Only paths: the RAW module reads the files.
/// </summary>
/// <param name="Name">File stem shared by both images.</param>
/// <param name="HrPath">Full path of the HR mosaic.</param>
/// <param name="LrPath">Full path of the LR mosaic.</param>
/// <param name="Scale">Nominal scale (1.3, 2, 3 or 4); the sidecar's <c>scale_actual</c> gives the exact ratios.</param>
/// <param name="HrSidecarPath">Full path of the HR sidecar (<c>HrPath + ".json"</c>).</param>
/// <param name="LrSidecarPath">Full path of the LR sidecar (<c>LrPath + ".json"</c>).</param>
public sealed record RawImagePair(
    string Name, string HrPath, string LrPath, double Scale, string HrSidecarPath, string LrSidecarPath);
