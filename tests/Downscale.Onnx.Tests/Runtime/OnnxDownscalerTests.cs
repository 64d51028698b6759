using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.Onnx.Runtime;
using Downscale.Tests;
using Microsoft.ML.OnnxRuntime;

namespace Downscale.Onnx.Tests.Runtime;

public class OnnxDownscalerTests
{
    [Fact]
    public void Run_BoxFilterModel_AveragesEachBlock()
    {
        using OnnxDownscaler model = OnnxDownscaler.FromBytes(TestModels.BoxFilter(scale: 2), "box.onnx");
        PlanarImage hr = TestImages.Random(3, 4, 6, seed: 1);

        PlanarImage lr = model.Run(hr);

        Assert.Equal((3, 2, 3), (lr.Channels, lr.Height, lr.Width));
        float expected = (hr.Row(2, 2)[4] + hr.Row(2, 2)[5] + hr.Row(2, 3)[4] + hr.Row(2, 3)[5]) / 4;
        Assert.Equal(expected, lr.Row(2, 1)[2], 6);
    }

    [Fact]
    public void Run_FromEightThreadsOnOneSession_GivesExactlyTheSingleThreadedOutputs()
    {
        using OnnxDownscaler model = OnnxDownscaler.Load(OnnxFixtures.Model("s2_k5"), new OnnxScoringOptions { IntraOpThreads = 1 });
        PlanarImage[] inputs = [.. Enumerable.Range(0, 8).Select(i => TestImages.Random(3, 32 + (2 * i), 40, seed: i))];
        PlanarImage[] sequential = [.. inputs.Select(model.Run)];

        var concurrent = new PlanarImage[8, 4];
        using var start = new Barrier(8);
        Thread[] threads = [.. Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int round = 0; round < 4; round++)
            {
                concurrent[t, round] = model.Run(inputs[(t + round) % 8]);
            }
        }))];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        for (int t = 0; t < 8; t++)
        {
            for (int round = 0; round < 4; round++)
            {
                Assert.Equal(sequential[(t + round) % 8].Data.ToArray(), concurrent[t, round].Data.ToArray());
            }
        }
    }

    [Fact]
    public void Downscale_TiledThroughTheSharedTiler_MatchesOneWholeImagePass()
    {
        using OnnxDownscaler model = OnnxDownscaler.Load(OnnxFixtures.Model("s2_k5"));
        PlanarImage hr = TestImages.Random(3, 150, 124, seed: 5);
        var tiling = new TilingOptions { TileSize = 40, DegreeOfParallelism = 2 };

        PlanarImage whole = TiledInference.RunUntiled(hr, model);
        PlanarImage tiled = model.Downscale(hr, tiling);

        Assert.Equal((3, 75, 62), (tiled.Channels, tiled.Height, tiled.Width));
        Assert.True(TestImages.MaxAbsDifference(whole, tiled) < 1e-5, $"tiled vs whole: {TestImages.MaxAbsDifference(whole, tiled)}");
    }

    [Theory]
    [InlineData(GraphOptimizationLevel.ORT_DISABLE_ALL, false)]
    [InlineData(GraphOptimizationLevel.ORT_ENABLE_BASIC, true)]
    [InlineData(GraphOptimizationLevel.ORT_ENABLE_ALL, false)]
    public void SessionOptions_ChangeHowItRuns_NotWhatItComputes(GraphOptimizationLevel level, bool arena)
    {
        var options = new OnnxScoringOptions { GraphOptimization = level, MemoryArena = arena, IntraOpThreads = 2 };
        using OnnxDownscaler model = OnnxDownscaler.Load(OnnxFixtures.Model("s2_k5"), options);

        PlanarImage output = model.Run(OnnxFixtures.Input("s2_k5"));

        Assert.Same(options, model.Options);
        Assert.True(TestImages.MaxAbsDifference(output, OnnxFixtures.TorchOutput("s2_k5")) < 1e-5);
    }

    [Fact]
    public void ScoringOptions_RefuseNegativeThreadCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxScoringOptions { IntraOpThreads = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxScoringOptions { InterOpThreads = -2 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxScoringOptions { DeviceId = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxScoringOptions { ExecutionProvider = (OnnxExecutionProvider)7 });
    }

    [Fact]
    public void Cuda_InThisCpuBuild_FailsWithAClearMessage()
    {
        Assert.Contains("CPUExecutionProvider", OnnxSessions.AvailableProviders());
        Assert.DoesNotContain("CUDAExecutionProvider", OnnxSessions.AvailableProviders());

        var error = Assert.Throws<ExecutionProviderUnavailableException>(() =>
            OnnxDownscaler.Load(OnnxFixtures.Model("s2_k5"), new OnnxScoringOptions { ExecutionProvider = OnnxExecutionProvider.Cuda }));

        Assert.Contains("CUDA", error.Message, StringComparison.Ordinal);
        Assert.Contains("CPUExecutionProvider", error.Message, StringComparison.Ordinal);
        Assert.Contains("DownscaleGpu", error.Message, StringComparison.Ordinal);
    }
}
