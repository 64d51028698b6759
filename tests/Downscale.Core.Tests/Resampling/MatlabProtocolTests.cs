using Downscale.Core.Imaging;
using Downscale.Core.Resampling;
using Downscale.Tests;

namespace Downscale.Core.Tests.Resampling;

/// <summary>
/// The MATLAB convention against the pairs-v1 <c>bicubic</c> protocol files (MATLAB imresize bicubic computed in
/// float64, clipped and rounded half up): HR/&lt;stem&gt;.png to LR_bicubic_x{s}/&lt;stem&gt;.png.
/// </summary>
public class MatlabProtocolTests
{
    public static TheoryData<string, string, int> Pairs()
    {
        var data = new TheoryData<string, string, int>();
        foreach (int scale in new[] { 2, 3, 4 })
        {
            foreach (string stem in new[] { "baby", "bird", "butterfly", "head", "woman" })
            {
                data.Add("Set5", stem, scale);
            }

            foreach (string stem in new[] { "baboon", "comic", "zebra" })
            {
                data.Add("Set14", stem, scale);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void MatlabBicubic_ReproducesTheProtocolWithinOneLsb(string set, string stem, int scale)
    {
        PlanarImage hr = ImageFile.Read(Path.Combine(TestPaths.SharedData, set, "HR", stem + ".png"));
        PlanarImage lr = ImageFile.Read(Path.Combine(TestPaths.SharedData, set, $"LR_bicubic_x{scale}", stem + ".png"));
        Assert.Equal((hr.Width / scale, hr.Height / scale), (lr.Width, lr.Height));

        PlanarImage ours = Resampler.Resize(hr, (double)scale, ResampleMethod.Bicubic, new ResampleOptions { Convention = ResampleConvention.Matlab });

        (int max, double mean) = PixelCompare.AgainstBytes(ours, PixelCompare.ToHwcBytes(lr));
        Assert.True(max <= 1, $"{set}/{stem} x{scale}: max |diff| = {max} LSB");
        Assert.True(mean < 0.01, $"{set}/{stem} x{scale}: mean |diff| = {mean:F4} LSB");
    }

    [Fact]
    public void PilBicubic_DiffersFromTheProtocolAtTheBorders()
    {
        // The conventions really differ (borders: clip-renormalise vs mirror), so the MATLAB test above is not vacuous.
        PlanarImage hr = ImageFile.Read(Path.Combine(TestPaths.SharedData, "Set5", "HR", "bird.png"));
        PlanarImage lr = ImageFile.Read(Path.Combine(TestPaths.SharedData, "Set5", "LR_bicubic_x4", "bird.png"));

        PlanarImage pil = Resampler.Resize(hr, lr.Width, lr.Height, ResampleMethod.Bicubic);

        Assert.True(PixelCompare.AgainstBytes(pil, PixelCompare.ToHwcBytes(lr)).Max > 1);
    }
}
