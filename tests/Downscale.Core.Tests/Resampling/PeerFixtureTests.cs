using Downscale.Core.Imaging;
using Downscale.Core.Resampling;

namespace Downscale.Core.Tests.Resampling;

/// <summary>Our resamplers against PIL 9.4, OpenCV 4.6 and torch 1.13 outputs (tools/fixtures/make_resampling_fixtures.py).</summary>
public class PeerFixtureTests
{
    public static TheoryData<string, string, string> ByteCases => Cases("uint8");

    public static TheoryData<string, string, string> FloatCases => Cases("float32");

    [Theory]
    [MemberData(nameof(ByteCases))]
    public void PlanarFloat_RoundedToBytes_IsWithinOneLsbOfThePeer(string peer, string method, string @case)
    {
        PeerCase fixture = ResamplingFixtures.Find(peer, method, @case);
        (ResampleMethod ours, ResampleConvention convention) = Ours(peer, method);

        PlanarImage output = Resampler.Resize(
            ResamplingFixtures.Input(), fixture.Width, fixture.Height, ours,
            new ResampleOptions { Convention = convention, MaxDegreeOfParallelism = 2 });

        (int max, double mean) = PixelCompare.AgainstBytes(output, ResamplingFixtures.ReadBytes(fixture));
        Assert.True(max <= 1, $"{fixture}: max |diff| = {max} LSB");
        Assert.True(mean < 0.25, $"{fixture}: mean |diff| = {mean:F3} LSB (a systematic offset)");
    }

    [Theory]
    [MemberData(nameof(ByteCases))]
    public void Interleaved8Bit_IsWithinOneLsbOfThePeer(string peer, string method, string @case)
    {
        PeerCase fixture = ResamplingFixtures.Find(peer, method, @case);
        (ResampleMethod ours, ResampleConvention convention) = Ours(peer, method);
        var output = new byte[fixture.Width * fixture.Height * 3];

        Resampler.ResizeInterleaved(
            ResamplingFixtures.InputBytes, ResamplingFixtures.InputWidth, ResamplingFixtures.InputHeight, 3,
            output, fixture.Width, fixture.Height, ours, new ResampleOptions { Convention = convention });

        byte[] expected = ResamplingFixtures.ReadBytes(fixture);
        Assert.True(PixelCompare.MaxDiff(output, expected) <= 1, $"{fixture}: max |diff| = {PixelCompare.MaxDiff(output, expected)} LSB");
    }

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void PilConvention_MatchesTorchAntialiasedInterpolateInFloat(string peer, string method, string @case)
    {
        // torch's antialiased interpolate is PIL's algorithm without the uint8 intermediate, on a mid-range input
        // where PIL's clamp never acts: it checks our PIL weights to float precision.
        PeerCase fixture = ResamplingFixtures.Find(peer, method, @case);
        ResampleMethod ours = method == "bicubic" ? ResampleMethod.Bicubic : ResampleMethod.Bilinear;

        PlanarImage output = Resampler.Resize(ResamplingFixtures.MidRangeInput(), fixture.Width, fixture.Height, ours);

        PlanarImage expected = ResamplingFixtures.Planar(ResamplingFixtures.ReadFloats(fixture), fixture.Width, fixture.Height, 3, v => v);
        Assert.True(PixelCompare.MaxDiff(output, expected) < 3e-6, $"{fixture}: max |diff| = {PixelCompare.MaxDiff(output, expected):E2}");
    }

    [Fact]
    public void Fixtures_CoverEveryPeerMethodAndScale()
    {
        var cases = ResamplingFixtures.Cases;
        foreach (string scale in new[] { "x2", "x3", "x4", "x1.3", "odd" })
        {
            foreach (string method in new[] { "nearest", "bilinear", "bicubic", "lanczos", "box" })
            {
                Assert.Contains(cases, c => c.Peer == "pil" && c.Method == method && c.Case == scale);
            }

            foreach (string method in new[] { "area", "linear", "cubic", "lanczos4", "nearest" })
            {
                Assert.Contains(cases, c => c.Peer == "cv2" && c.Method == method && c.Case == scale);
            }
        }

        Assert.Contains(cases, c => c.Peer == "pil" && c.Method == "bicubic" && c.Width > ResamplingFixtures.InputWidth);
        Assert.Equal((102, 74), cases.Where(c => c.Case == "x1.3").Select(c => (c.Width, c.Height)).Distinct().Single());
    }

    private static (ResampleMethod, ResampleConvention) Ours(string peer, string method) => (peer, method) switch
    {
        ("pil", "nearest") => (ResampleMethod.Nearest, ResampleConvention.Pil),
        ("pil", "bilinear") => (ResampleMethod.Bilinear, ResampleConvention.Pil),
        ("pil", "bicubic") => (ResampleMethod.Bicubic, ResampleConvention.Pil),
        ("pil", "lanczos") => (ResampleMethod.Lanczos3, ResampleConvention.Pil),
        ("pil", "box") => (ResampleMethod.Box, ResampleConvention.Pil),
        ("cv2", "area") => (ResampleMethod.Area, ResampleConvention.OpenCv),
        ("cv2", "linear") => (ResampleMethod.Bilinear, ResampleConvention.OpenCv),
        ("cv2", "cubic") => (ResampleMethod.Bicubic, ResampleConvention.OpenCv),
        ("cv2", "lanczos4") => (ResampleMethod.Lanczos4, ResampleConvention.OpenCv),
        ("cv2", "nearest") => (ResampleMethod.Nearest, ResampleConvention.OpenCv),
        _ => throw new ArgumentException($"No mapping for {peer} {method}."),
    };

    private static TheoryData<string, string, string> Cases(string dtype)
    {
        var data = new TheoryData<string, string, string>();
        foreach (PeerCase c in ResamplingFixtures.Cases.Where(c => c.DType == dtype))
        {
            data.Add(c.Peer, c.Method, c.Case);
        }

        return data;
    }
}
