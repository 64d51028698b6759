using Downscale.Core.Raw;
using Downscale.MLNet.Tests.Hosting;
using Downscale.Tests;

namespace Downscale.MLNet.Tests.RawStages;

/// <summary>Set14 RAW pairs of the shared data (16-bit RGGB mosaics with JSON sidecars).</summary>
internal static class RawData
{
    /// <summary>Two of the smaller Set14 frames.</summary>
    public static readonly string[] Names = ["face", "foreman"];

    /// <summary>The HR protocol file of <paramref name="name"/>.</summary>
    public static string Hr(string name) => Path.Combine(TestPaths.SharedData, "Set14", "RAW", "HR", name + ".png");

    /// <summary>The LR protocol file of <paramref name="name"/> at <paramref name="scale"/> (folder <c>LR_x2</c>, <c>LR_x1.3</c>, ...).</summary>
    public static string Lr(string name, RationalScale scale) =>
        Path.Combine(TestPaths.SharedData, "Set14", "RAW", "LR_x" + scale.Factor.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), name + ".png");

    /// <summary>Rows with the HR path and the LR path at <paramref name="scale"/>.</summary>
    public static PathPair[] Rows(RationalScale scale) => [.. Names.Select(n => new PathPair { Path = Hr(n), LrPath = Lr(n, scale) })];
}
