using Downscale.Core.Imaging;
using Downscale.Core.Resampling;
using Downscale.Core.Tiling;
using Downscale.MLNet.Imaging;
using Downscale.MLNet.Learned;
using Downscale.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Tests.Transforms;

/// <summary>DownscaleImages: values, sizes, learned models, tiling, laziness, order and parallelism.</summary>
public sealed class ImageDownscalingTests
{
    private readonly MLContext mlContext = new(seed: 0);

    public static TheoryData<string, double> EveryClassicMethod()
    {
        var data = new TheoryData<string, double>();
        foreach (ClassicDownscaler method in ClassicDownscalers.All)
        {
            data.Add(method.Name, method.Method == ResampleMethod.Dpid ? 4 : 2.5);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryClassicMethod))]
    public void ClassicMethod_EqualsTheCoreResamplerQuantizedTo8Bits(string method, double scale)
    {
        string[] files = TestData.Set5Hr[1..3];
        IDataView output = mlContext.Transforms.LoadImages("Image", null, "Path")
            .Append(mlContext.Transforms.DownscaleImages("Small", scale, method, "Image"))
            .Fit(TestData.Paths(mlContext, files)).Transform(TestData.Paths(mlContext, files));

        List<MLImage> images = [.. output.GetColumn<MLImage>("Small")];

        ClassicDownscaler expected = ClassicDownscalers.Get(method);
        for (int i = 0; i < files.Length; i++)
        {
            PlanarImage reference = expected.Downscale(ImageFile.Read(files[i]), scale);
            Assert.Equal(InterleavedPixels.ToInterleaved8(reference), InterleavedPixels.ToInterleaved8(images[i].ToPlanarImage()));
        }
    }

    [Fact]
    public void FixedSize_GivesAFixedSizeColumnThatExtractPixelsAccepts()
    {
        IDataView rows = TestData.Paths(mlContext, TestData.Set5Hr);
        var pipeline = mlContext.Transforms.LoadImages("Image", null, "Path")
            .Append(mlContext.Transforms.DownscaleImages(new ImageDownscalingOptions { OutputColumnName = "Thumb", InputColumnName = "Image", Width = 64, Height = 48, Method = "area" }))
            .Append(mlContext.Transforms.ExtractPixels("Pixels", "Thumb"));

        IDataView output = pipeline.Fit(rows).Transform(rows);

        Assert.Equal(new Microsoft.ML.Transforms.Image.ImageDataViewType(48, 64), output.Schema["Thumb"].Type);
        Assert.Equal(5, output.GetColumn<float[]>("Pixels").Count(p => p.Length == 3 * 48 * 64));
    }

    [Fact]
    public void LearnedModel_TiledInPipeline_EqualsTheModelOnTheWholeImage()
    {
        var engine = new BlockMeanEngine(scale: 4);
        var options = new ImageDownscalingOptions
        {
            OutputColumnName = "Small",
            InputColumnName = "Image",
            Model = LearnedDownscaler.FromTileDownscaler(engine, "block-mean"),
            Tiling = new TilingOptions { TileSize = 64, SizePolicy = SizePolicy.Crop },
        };
        IDataView rows = TestData.Paths(mlContext, TestData.Set5Hr);

        List<MLImage> images = [.. mlContext.Transforms.LoadImages("Image", null, "Path").Append(mlContext.Transforms.DownscaleImages(options))
            .Fit(rows).Transform(rows).GetColumn<MLImage>("Small")];

        for (int i = 0; i < images.Count; i++)
        {
            PlanarImage whole = TiledInference.RunUntiled(ImageFile.Read(TestData.Set5Hr[i]), new BlockMeanEngine(4), new TilingOptions { SizePolicy = SizePolicy.Crop });
            Assert.Equal(InterleavedPixels.ToInterleaved8(whole), InterleavedPixels.ToInterleaved8(images[i].ToPlanarImage()));
        }

        Assert.True(engine.Calls > images.Count, "The 64-pixel tile limit must have split the images.");
    }

    [Fact]
    public void LearnedModelFactory_IsCalledOnFirstUse_AndItsScaleIsChecked()
    {
        int created = 0;
        var lazy = LearnedDownscaler.FromTileDownscaler(2, "lazy", () => { created++; return new BlockMeanEngine(2); });
        var wrong = LearnedDownscaler.FromTileDownscaler(2, "wrong", () => new BlockMeanEngine(4));
        IDataView rows = TestData.Paths(mlContext, TestData.Set5Hr[1..2]);
        IEstimator<ITransformer> Pipeline(LearnedDownscaler model) => mlContext.Transforms.LoadImages("Image", null, "Path")
            .Append(mlContext.Transforms.DownscaleImages(new ImageDownscalingOptions { OutputColumnName = "Small", InputColumnName = "Image", Model = model }));

        IDataView output = Pipeline(lazy).Fit(rows).Transform(rows);
        Assert.Equal(0, created);
        Assert.Equal(144, output.GetColumn<MLImage>("Small").Single().Width);
        Assert.Equal(1, created);

        var error = Assert.Throws<InvalidOperationException>(() => Pipeline(wrong).Fit(rows).Transform(rows).GetColumn<MLImage>("Small").ToList());
        Assert.Contains("has scale 4, but the model was declared with scale 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LearnedModel_SizeTheScaleDoesNotDivide_FailsFromTheSchemaWithTheRemedy()
    {
        IDataView rows = TestData.Paths(mlContext, TestData.Set5Hr[..1]);
        var pipeline = mlContext.Transforms.LoadImages("Image", null, "Path")
            .Append(mlContext.Transforms.ResizeImages("Odd", 101, 99, "Image"))
            .Append(mlContext.Transforms.DownscaleImages("Small", LearnedDownscaler.FromTileDownscaler(new BlockMeanEngine(2), "block-mean"), "Odd"));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Fit(rows));

        Assert.Contains("'Odd'", error.Message, StringComparison.Ordinal);
        Assert.Contains("SizePolicy.Crop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LearnedModel_ScaleThatContradictsTheModel_IsRefused()
    {
        var model = LearnedDownscaler.FromTileDownscaler(new BlockMeanEngine(4), "block-mean");

        var error = Assert.Throws<ArgumentException>(() => mlContext.Transforms.DownscaleImages(new ImageDownscalingOptions { OutputColumnName = "S", Model = model, Scale = 2 }));

        Assert.Contains("downscales by 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownMethod_IsRefusedWithTheValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => mlContext.Transforms.DownscaleImages("S", 2, "bicubic-opencv"));

        Assert.Contains("bicubic-matlab", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyRows_ComeInInputOrder_ComputedInParallel()
    {
        var engine = new BlockMeanEngine(scale: 2, delayMilliseconds: 30);
        string[] files = [.. Enumerable.Range(0, 12).Select(i => TestData.Set5Hr[i % 5])];
        IDataView rows = TestData.Paths(mlContext, files);
        var options = new ImageDownscalingOptions
        {
            OutputColumnName = "Small",
            InputColumnName = "Image",
            Model = LearnedDownscaler.FromTileDownscaler(engine, "block-mean"),
            Tiling = new TilingOptions { SizePolicy = SizePolicy.Crop },
            DegreeOfParallelism = 4,
        };

        IDataView output = mlContext.Transforms.LoadImages("Image", null, "Path").Append(mlContext.Transforms.DownscaleImages(options)).Fit(rows).Transform(rows);
        List<(string Path, MLImage Small)> read = [.. ReadPathsAndImages(output)];

        Assert.Equal(files, read.Select(r => r.Path));
        for (int i = 0; i < files.Length; i++)
        {
            var hr = ImageFile.Read(files[i]);
            Assert.Equal((hr.Width / 2, hr.Height / 2), (read[i].Small.Width, read[i].Small.Height));
        }

        Assert.InRange(engine.MaxConcurrency, 2, 4);
    }

    [Fact]
    public void DegreeOne_ComputesARowOnlyWhenItsColumnIsRead()
    {
        var engine = new BlockMeanEngine(scale: 2);
        IDataView rows = TestData.Paths(mlContext, TestData.Set5Hr);
        var options = new ImageDownscalingOptions
        {
            OutputColumnName = "Small",
            InputColumnName = "Image",
            Model = LearnedDownscaler.FromTileDownscaler(engine, "block-mean"),
            Tiling = new TilingOptions { SizePolicy = SizePolicy.Crop },
            DegreeOfParallelism = 1,
        };
        IDataView output = mlContext.Transforms.LoadImages("Image", null, "Path").Append(mlContext.Transforms.DownscaleImages(options)).Fit(rows).Transform(rows);

        using DataViewRowCursor cursor = output.GetRowCursor([output.Schema["Small"]]);
        ValueGetter<MLImage> small = cursor.GetGetter<MLImage>(output.Schema["Small"]);
        Assert.True(cursor.MoveNext());
        Assert.True(cursor.MoveNext());
        Assert.Equal(0, engine.Calls);
        MLImage image = null!;
        small(ref image);
        small(ref image);
        Assert.Equal(1, engine.Calls); // one row, computed once
        Assert.Equal(144, image.Width); // bird.png, the second row
    }

    [Fact]
    public void PredictionEngine_DownscalesOneImage()
    {
        IDataView rows = TestData.Paths(mlContext, TestData.Set5Hr[..1]);
        ITransformer model = mlContext.Transforms.LoadImages("Image", null, "Path")
            .Append(mlContext.Transforms.DownscaleImages("Small", 4, "area", "Image"))
            .Fit(rows);
        var engine = mlContext.Model.CreatePredictionEngine<Hosting.PathPair, SmallImage>(model);

        SmallImage prediction = engine.Predict(new Hosting.PathPair { Path = TestData.Set5("bird") });

        Assert.Equal((72, 72), (prediction.Small!.Width, prediction.Small.Height));
        PlanarImage expected = Resampler.Resize(ImageFile.Read(TestData.Set5("bird")), 4, ResampleMethod.Area);
        Assert.Equal(InterleavedPixels.ToInterleaved8(expected), InterleavedPixels.ToInterleaved8(prediction.Small.ToPlanarImage()));
    }

    [Fact]
    public void UnreadableImage_FailsWhenItsRowIsRead_NotBefore()
    {
        string missing = Path.Combine(Downscale.Tests.TestPaths.NewTempFolder(), "missing.png");
        IDataView rows = TestData.Paths(mlContext, [TestData.Set5("bird"), missing]);
        var options = new ImageDownscalingOptions { OutputColumnName = "Small", InputColumnName = "Image", Scale = 2, DegreeOfParallelism = 2 };
        IDataView output = mlContext.Transforms.LoadImages("Image", null, "Path").Append(mlContext.Transforms.DownscaleImages(options)).Fit(rows).Transform(rows);

        using DataViewRowCursor cursor = output.GetRowCursor([output.Schema["Small"]]);
        ValueGetter<MLImage> small = cursor.GetGetter<MLImage>(output.Schema["Small"]);
        MLImage image = null!;
        Assert.True(cursor.MoveNext());
        small(ref image); // the first row is fine even though the second was read ahead
        Assert.True(cursor.MoveNext());
        Assert.ThrowsAny<Exception>(() => small(ref image));
    }

    private static IEnumerable<(string Path, MLImage Small)> ReadPathsAndImages(IDataView output)
    {
        using DataViewRowCursor cursor = output.GetRowCursor([output.Schema["Path"], output.Schema["Small"]]);
        ValueGetter<ReadOnlyMemory<char>> path = cursor.GetGetter<ReadOnlyMemory<char>>(output.Schema["Path"]);
        ValueGetter<MLImage> small = cursor.GetGetter<MLImage>(output.Schema["Small"]);
        while (cursor.MoveNext())
        {
            ReadOnlyMemory<char> p = default;
            MLImage image = null!;
            path(ref p);
            small(ref image);
            yield return (p.ToString(), image);
        }
    }

    private sealed class SmallImage
    {
        public MLImage? Small { get; set; }
    }
}
