using System.Text.Json;
using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Downscale.Core.Resampling;
using Downscale.Tests;

namespace Downscale.Core.Tests.Raw;

/// <summary>The RAW-domain baselines against independent peers (scipy demosaic, torch antialiased resize, cv2 INTER_AREA) on a Set14 crop.</summary>
public class RawInterpolationTests
{
    private static readonly Lazy<JsonElement> Index = new(() =>
        JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("raw_wavelet", "cases.json"))).RootElement.GetProperty("baselines"));

    [Theory]
    [InlineData("demosaicked_bilinear_x13", "1.3", ResampleMethod.Bilinear, ResampleConvention.Pil, RawInterpolationDomain.Demosaicked)]
    [InlineData("demosaicked_bicubic_x2", "2", ResampleMethod.Bicubic, ResampleConvention.Pil, RawInterpolationDomain.Demosaicked)]
    [InlineData("packed_area_x13", "1.3", ResampleMethod.Area, ResampleConvention.OpenCv, RawInterpolationDomain.PackedPlanes)]
    public void Downscale_MatchesThePythonPeers(string name, string scale, ResampleMethod method, ResampleConvention convention, RawInterpolationDomain domain)
    {
        RawFrame hr = Crop();
        JsonElement size = Index.Value.GetProperty("outputs").GetProperty(name);
        var expected = PlanarImage.Wrap(Floats($"baseline_{name}.f32"), 1, size[0].GetInt32(), size[1].GetInt32());

        PlanarImage actual = RawInterpolation.Downscale(hr, RationalScale.Parse(scale), method, domain, new ResampleOptions { Convention = convention });

        Assert.True(actual.SameShape(expected), $"{actual} vs {expected}");
        double error = TestImages.MaxAbsDifference(expected, actual);
        Assert.True(error <= 1e-5, $"{name}: max |C# - Python| = {error}");
    }

    [Fact]
    public void Downscale_Dpid_IsRefused() =>
        Assert.Throws<ArgumentException>(() => RawInterpolation.Downscale(Crop(), RationalScale.Parse("2"), ResampleMethod.Dpid, RawInterpolationDomain.PackedPlanes));

    [Fact]
    public void Downscale_PlanOfAnotherSize_IsRefused()
    {
        RawDownscalePlan plan = RawDownscaleGeometry.Plan(new FrameSize(64, 64), null, RationalScale.Parse("2"));

        Assert.Throws<ArgumentException>(() => RawInterpolation.Downscale(Crop(), plan, ResampleMethod.Area, RawInterpolationDomain.PackedPlanes));
    }

    private static RawFrame Crop()
    {
        JsonElement shape = Index.Value.GetProperty("input");
        var mosaic = PlanarImage.Wrap(Floats("baseline_input.f32"), 1, shape[0].GetInt32(), shape[1].GetInt32());
        return new RawFrame(mosaic, CfaPattern.Rggb, new RawMetadata());
    }

    private static float[] Floats(string file) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(TestPaths.Fixture("raw_wavelet", file))).ToArray();
}
