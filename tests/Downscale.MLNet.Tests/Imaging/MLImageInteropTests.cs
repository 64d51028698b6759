using Downscale.Core.Imaging;
using Downscale.MLNet.Imaging;
using Downscale.Tests;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace Downscale.MLNet.Tests.Imaging;

/// <summary>Our conversions against ML.NET's own image stages in a real MLContext pipeline.</summary>
public sealed class MLImageInteropTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void LoadImages_OfOpaquePngs_ConvertsExactlyToOurDecode()
    {
        Dictionary<string, byte[]> files = new()
        {
            ["rgb8.png"] = PngCrafter.Encode(23, 17, 8, PngCrafter.Rgb, TestImages.RandomSamples(3 * 23 * 17, 255, seed: 1)),
            ["gray8.png"] = PngCrafter.Encode(9, 12, 8, PngCrafter.Gray, TestImages.RandomSamples(9 * 12, 255, seed: 2)),
            ["palette.png"] = PngCrafter.Encode(4, 2, 8, PngCrafter.Palette, [0, 1, 2, 1, 0, 2, 2, 2], [255, 0, 0, 0, 128, 255, 10, 20, 30]),
            ["rgba-opaque.png"] = PngCrafter.Encode(5, 3, 8, PngCrafter.Rgba, OpaqueRgba(5 * 3, seed: 3)),
        };
        foreach ((string name, byte[] bytes) in files)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }

        File.Copy(Path.Combine(TestPaths.SharedData, "Set5", "HR", "baby.png"), Path.Combine(folder, "baby.png"));

        var loaded = LoadWithMLNet([.. files.Keys, "baby.png"], image => [image.ToPlanarImage()]);

        Assert.Equal(files.Count + 1, loaded.Count);
        foreach ((string name, PlanarImage[] converted) in loaded)
        {
            PlanarImage fromMl = converted[0];
            PlanarImage ours = ImageFile.Read(Path.Combine(folder, name));
            Assert.True(ours.SameShape(fromMl), $"{name}: {ours} vs {fromMl}");
            Assert.True(ours.Data.Span.SequenceEqual(fromMl.Data.Span), name);
        }
    }

    [Fact]
    public void LoadImages_OfTranslucentPng_MatchesOurDecodeWithinPremultiplicationError()
    {
        ushort[] rgba = TestImages.RandomSamples(4 * 8 * 8, 255, seed: 5);
        File.WriteAllBytes(Path.Combine(folder, "rgba.png"), PngCrafter.Encode(8, 8, 8, PngCrafter.Rgba, rgba));
        var background = new RgbColor(0.2f, 0.4f, 0.6f);
        var composite = ImageReadOptions.Default with { Alpha = AlphaMode.Composite, Background = background };

        (_, PlanarImage[] converted) = Assert.Single(LoadWithMLNet(
            ["rgba.png"], image => [image.ToPlanarImage(AlphaMode.Composite, background), image.ToPlanarImage(AlphaMode.Keep, background)]));
        PlanarImage mlComposited = converted[0];
        PlanarImage mlKept = converted[1];
        PlanarImage oursComposited = ImageFile.Read(Path.Combine(folder, "rgba.png"), composite);
        PlanarImage oursKept = ImageFile.Read(Path.Combine(folder, "rgba.png"), ImageReadOptions.Default with { Alpha = AlphaMode.Keep });

        // 8-bit premultiplication rounds colour x alpha to 1/255.
        AssertClose(oursComposited, mlComposited, 0.5f / 255f + 1e-6f);
        Assert.Equal(oursKept.Plane(3).ToArray(), mlKept.Plane(3).ToArray());
        for (int i = 0; i < oursKept.PlaneLength; i++)
        {
            float alpha = oursKept.Plane(3)[i];
            if (alpha > 0.5f)
            {
                Assert.Equal(oursKept.Plane(0)[i], mlKept.Plane(0)[i], (0.5f / 255f / alpha) + 1e-6f);
            }
        }
    }

    [Fact]
    public void LoadResizeExtract_PipelineAgreesWithOurConversionOfTheSameColumn()
    {
        File.Copy(Path.Combine(TestPaths.SharedData, "Set5", "HR", "bird.png"), Path.Combine(folder, "bird.png"));
        var ml = new MLContext(seed: 1);
        IDataView files = ml.Data.LoadFromEnumerable([new FileRow { Path = "bird.png" }]);
        IDataView transformed = ml.Transforms.LoadImages("Image", folder, nameof(FileRow.Path))
            .Append(ml.Transforms.ResizeImages("Small", imageWidth: 40, imageHeight: 30, inputColumnName: "Image"))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Small", ImagePixelExtractingEstimator.ColorBits.Rgb, interleavePixelColors: false))
            .Fit(files).Transform(files);

        PlanarImage? ours = null;
        float[] extracted = [];
        using (DataViewRowCursor cursor = transformed.GetRowCursor(transformed.Schema))
        {
            ValueGetter<MLImage> small = cursor.GetGetter<MLImage>(transformed.Schema["Small"]);
            ValueGetter<VBuffer<float>> pixels = cursor.GetGetter<VBuffer<float>>(transformed.Schema["Pixels"]);
            Assert.True(cursor.MoveNext());
            MLImage image = null!;
            VBuffer<float> values = default;
            small(ref image);
            pixels(ref values);
            ours = image.ToPlanarImage();
            extracted = values.DenseValues().ToArray();
        }

        Assert.Equal((3, 30, 40), (ours.Channels, ours.Height, ours.Width));
        Assert.Equal(extracted, ours.Data.ToArray().Select(v => MathF.Round(v * 255f)).ToArray());
    }

    [Fact]
    public void ToMLImage_ThenExtractPixels_EqualsQuantizedValues()
    {
        var random = new Random(11);
        PlanarImage image = new(3, 6, 10);
        Span<float> data = image.Data.Span;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)random.NextDouble();
        }

        data[0] = 1.3f;  // clamps to 255
        data[1] = -0.2f; // clamps to 0

        var ml = new MLContext(seed: 1);
        IDataView view = ml.Data.LoadFromEnumerable([new ImageRow { Image = image.ToMLImage() }]);
        IDataView pixels = ml.Transforms.ExtractPixels(
            "Pixels", nameof(ImageRow.Image), ImagePixelExtractingEstimator.ColorBits.Rgb, interleavePixelColors: false)
            .Fit(view).Transform(view);
        float[] extracted = pixels.GetColumn<VBuffer<float>>("Pixels").Single().DenseValues().ToArray();

        Assert.Equal(image.Data.Length, extracted.Length);
        for (int i = 0; i < extracted.Length; i++)
        {
            Assert.Equal(MathF.Min(MathF.Max(MathF.Floor((data[i] * 255f) + 0.5f), 0f), 255f), extracted[i]);
        }
    }

    [Fact]
    public void ToMLImage_RoundTripsThroughToPlanarImage()
    {
        byte[] rgb = TestImages.RandomSamples(3 * 5 * 7, 255, seed: 12).Select(v => (byte)v).ToArray();
        PlanarImage image = InterleavedPixels.ToPlanar(rgb, 5, 7, 3);

        using MLImage ml = image.ToMLImage();
        PlanarImage gray = new PlanarImage(1, 2, 2);
        gray.Plane(0).Fill(0.5f);
        using MLImage mlGray = gray.ToMLImage();

        Assert.Equal(MLPixelFormat.Bgra32, ml.PixelFormat);
        Assert.Equal((7, 5), (ml.Width, ml.Height));
        Assert.Equal(image.Data.ToArray(), ml.ToPlanarImage().Data.ToArray());
        Assert.Equal([128, 128, 128, 255], mlGray.Pixels[..4].ToArray());
    }

    [Fact]
    public void ToMLImage_PremultipliesAlpha()
    {
        var rgba = new PlanarImage(4, 1, 1);
        float[] values = [1f, 0.5f, 0f, 0.5f];
        values.CopyTo(rgba.Data.Span);

        using MLImage ml = rgba.ToMLImage();

        Assert.Equal([0, 64, 128, 128], ml.Pixels.ToArray()); // B, G, R premultiplied by 0.5, then A
        Assert.Equal(1f, ml.ToPlanarImage().Plane(0)[0], 2);
    }

    private static ushort[] OpaqueRgba(int pixels, int seed)
    {
        ushort[] samples = TestImages.RandomSamples(4 * pixels, 255, seed);
        for (int i = 3; i < samples.Length; i += 4)
        {
            samples[i] = 255;
        }

        return samples;
    }

    private static void AssertClose(PlanarImage expected, PlanarImage actual, float tolerance)
    {
        Assert.True(expected.SameShape(actual));
        for (int i = 0; i < expected.Data.Length; i++)
        {
            Assert.Equal(expected.Data.Span[i], actual.Data.Span[i], tolerance);
        }
    }

    /// <summary>Runs LoadImages over <paramref name="names"/> and converts each MLImage while the cursor still owns it.</summary>
    private List<(string Name, PlanarImage[] Converted)> LoadWithMLNet(string[] names, Func<MLImage, PlanarImage[]> convert)
    {
        var ml = new MLContext(seed: 1);
        IDataView files = ml.Data.LoadFromEnumerable(names.Select(n => new FileRow { Path = n }));
        IDataView loaded = ml.Transforms.LoadImages("Image", folder, nameof(FileRow.Path)).Fit(files).Transform(files);
        var result = new List<(string, PlanarImage[])>();
        using DataViewRowCursor cursor = loaded.GetRowCursor(loaded.Schema);
        ValueGetter<MLImage> image = cursor.GetGetter<MLImage>(loaded.Schema["Image"]);
        ValueGetter<ReadOnlyMemory<char>> path = cursor.GetGetter<ReadOnlyMemory<char>>(loaded.Schema[nameof(FileRow.Path)]);
        while (cursor.MoveNext())
        {
            MLImage value = null!;
            ReadOnlyMemory<char> name = default;
            image(ref value);
            path(ref name);
            result.Add((name.ToString(), convert(value)));
        }

        return result;
    }

    private sealed class FileRow
    {
        public string Path { get; set; } = string.Empty;
    }

    private sealed class ImageRow
    {
        [ImageType(6, 10)]
        public MLImage? Image { get; set; }
    }
}
