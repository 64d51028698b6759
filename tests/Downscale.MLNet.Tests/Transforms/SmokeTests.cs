using Downscale.Core.Imaging;
using Downscale.Core.Resampling;
using Downscale.MLNet.Imaging;
using Downscale.Tests;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Tests.Transforms;

public sealed class SmokeTests
{
    private sealed class PathRow { public string Path { get; set; } = ""; }

    [Fact]
    public void Smoke()
    {
        var ml = new MLContext(1);
        string[] files = [.. new[] { "baby", "bird", "head" }.Select(n => Path.Combine(TestPaths.SharedData, "Set5", "HR", n + ".png"))];
        var data = ml.Data.LoadFromEnumerable(files.Select(f => new PathRow { Path = f }));
        var pipeline = ml.Transforms.LoadImages("Image", null, "Path").Append(ml.Transforms.DownscaleImages("Small", 4, "area", "Image"));
        var model = pipeline.Fit(data);
        var output = model.Transform(data);
        var images = output.GetColumn<MLImage>("Small").ToList();
        Assert.Equal(3, images.Count);
        for (int i = 0; i < 3; i++)
        {
            var expected = Resampler.Resize(ImageFile.Read(files[i]), 4, ResampleMethod.Area);
            var got = images[i].ToPlanarImage();
            Assert.True(expected.SameShape(got));
        }

        string zip = Path.Combine(TestPaths.NewTempFolder(), "m.zip");
        ml.Model.Save(model, data.Schema, zip);
        var ml2 = new MLContext(2);
        ml2.ComponentCatalog.RegisterAssembly(typeof(DownscalingTransformsExtensions).Assembly);
        var loaded = ml2.Model.Load(zip, out _);
        var images2 = loaded.Transform(data).GetColumn<MLImage>("Small").ToList();
        for (int i = 0; i < 3; i++)
        {
            Assert.True(images[i].Pixels.SequenceEqual(images2[i].Pixels));
        }
    }
}
