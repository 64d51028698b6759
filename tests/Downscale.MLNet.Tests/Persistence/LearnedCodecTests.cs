using System.Runtime.CompilerServices;
using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.MLNet.Imaging;
using Downscale.MLNet.Learned;
using Downscale.MLNet.Persistence;
using Downscale.MLNet.Tests.Hosting;
using Downscale.Tests;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Tests.Persistence;

/// <summary>A learned model with a saved form travels inside the saved pipeline and is rebuilt by its codec.</summary>
public sealed class LearnedCodecTests
{
    private readonly MLContext mlContext = new(seed: 0);
    private readonly string folder = TestPaths.NewTempFolder();

    [Fact]
    public void SavedLearnedModel_IsRebuiltFromItsBytesByItsCodec_AndReleasedWithThePipeline()
    {
        PathPair[] rows = [new PathPair { Path = TestData.Set5("bird") }, new PathPair { Path = TestData.Set5("head") }];
        string file = Path.Combine(folder, "learned.zip");
        string expected = SaveAndDescribe(rows, file);
        CollectUntil(() => BlockMeanModel.Live == 0); // the fitted pipeline is gone: the loaded one must decode the bytes
        int decodedBefore = BlockMeanCodec.Decoded;

        LoadAndCheck(rows, file, expected);

        Assert.Equal(decodedBefore + 1, BlockMeanCodec.Decoded); // LoadModel built it once; the worker reused it
        CollectUntil(() => BlockMeanModel.Live == 0); // dropping the loaded pipeline releases its model
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LoadAndCheck(PathPair[] rows, string file, string expected)
    {
        ITransformer loaded = mlContext.Downscaling().LoadModel(file, out _);
        Assert.Equal(1, BlockMeanModel.Live);
        Assert.Equal(expected, Describe(loaded.Transform(mlContext.Data.LoadFromEnumerable(rows))));
        Assert.Equal(new VerifiedStage("DownscaleImages", "block-mean-3 (learned, x3) on 'Image'"), Assert.Single(mlContext.Downscaling().Verify(loaded)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private string SaveAndDescribe(PathPair[] rows, string file)
    {
        IDataView data = mlContext.Data.LoadFromEnumerable(rows);
        ITransformer model = mlContext.Transforms.LoadImages("Image", null, nameof(PathPair.Path))
            .Append(mlContext.Transforms.DownscaleImages(new Downscale.MLNet.Transforms.ImageDownscalingOptions
            {
                OutputColumnName = "Small",
                InputColumnName = "Image",
                Model = new BlockMeanModel(3),
                Tiling = new TilingOptions { SizePolicy = SizePolicy.Crop },
            }))
            .Fit(data);
        mlContext.Model.Save(model, data.Schema, file);
        return Describe(model.Transform(data));
    }

    private static string Describe(IDataView view) =>
        string.Join(";", view.GetColumn<MLImage>("Small").Select(i => $"{i.Width}x{i.Height}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(i.Pixels))}"));

    private static void CollectUntil(Func<bool> done)
    {
        for (int i = 0; i < 20 && !done(); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.True(done(), "The fitted model was not collected.");
    }
}

/// <summary>A learned model for tests: the block mean at a scale, saved as one byte.</summary>
public sealed class BlockMeanModel : LearnedDownscaler
{
    private static int live;
    private readonly BlockMeanEngine engine;

    public BlockMeanModel(int scale)
    {
        engine = new BlockMeanEngine(scale);
        Interlocked.Increment(ref live);
    }

    ~BlockMeanModel() => Interlocked.Decrement(ref live);

    public static int Live => Volatile.Read(ref live);

    public override string Name => $"block-mean-{Scale}";

    public override int Scale => engine.Scale;

    public override PlanarImage Downscale(PlanarImage hr, TilingOptions tiling) => TiledInference.Run(hr, engine, tiling);

    public override LearnedDownscalerPayload GetPayload() => new(typeof(BlockMeanCodec), [(byte)Scale]);
}

/// <summary>Rebuilds <see cref="BlockMeanModel"/>s and counts how often it did.</summary>
public sealed class BlockMeanCodec : ILearnedDownscalerCodec
{
    private static int decoded;

    public static int Decoded => Volatile.Read(ref decoded);

    public LearnedDownscaler Decode(byte[] payload, string name)
    {
        Interlocked.Increment(ref decoded);
        return new BlockMeanModel(payload[0]);
    }
}
