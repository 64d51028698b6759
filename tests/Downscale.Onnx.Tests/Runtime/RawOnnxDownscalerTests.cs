using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Downscale.Onnx.Protobuf;
using Downscale.Onnx.Runtime;
using Downscale.Tests;
using Google.Protobuf;
using Xunit.Abstractions;

namespace Downscale.Onnx.Tests.Runtime;

/// <summary>
/// The RAW scorer on the exported fixtures (tools/fixtures/make_onnx_raw_fixtures.py): ONNX Runtime against the PyTorch
/// reference and OpenCV's verdict, the geometry of <see cref="RawOnnxDownscaler.Downscale"/>, and typed errors for
/// models that are not RAW wavelet models.
/// </summary>
public class RawOnnxDownscalerTests(ITestOutputHelper log)
{
    public static TheoryData<string> Names() => [.. OnnxFixtures.Raw.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Run_MatchesThePyTorchReference_WithinOneE4(string name)
    {
        using RawOnnxDownscaler model = RawOnnxDownscaler.Load(OnnxFixtures.Raw.Model(name));

        PlanarImage output = model.Run(OnnxFixtures.Raw.Input(name));

        double error = TestImages.MaxAbsDifference(OnnxFixtures.Raw.TorchOutput(name), output);
        log.WriteLine($"{name}: max |ORT - PyTorch| = {error:E2}");
        Assert.True(error < 1e-4, $"{name}: max |ORT - PyTorch| = {error}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void OpenCvVerdict_IsRecorded_AndAnAcceptedModelMatchesOnnxRuntime(string name)
    {
        var verdict = OnnxFixtures.Raw.Case(name);
        if (verdict.GetProperty("opencv").GetString() == "ok")
        {
            using RawOnnxDownscaler model = RawOnnxDownscaler.Load(OnnxFixtures.Raw.Model(name));
            Assert.True(TestImages.MaxAbsDifference(OnnxFixtures.Raw.OpenCvOutput(name), model.Run(OnnxFixtures.Raw.Input(name))) < 1e-4);
        }
        else
        {
            Assert.Equal("refused", verdict.GetProperty("opencv").GetString());
            Assert.False(string.IsNullOrEmpty(verdict.GetProperty("opencv_refusal").GetProperty("op").GetString()), "the refusal names an op");
        }
    }

    [Theory]
    [InlineData(90, 118, 0, 0)]
    [InlineData(106, 74, 0, 0)]
    [InlineData(122, 86, 94, 64)]
    public void Downscale_AnyEvenFrame_GivesTheProtocolsSizeGridAndMetadata(int height, int width, int lrHeight, int lrWidth)
    {
        using RawOnnxDownscaler model = RawOnnxDownscaler.Load(OnnxFixtures.Raw.Model("improved_x13"));
        var hr = new RawFrame(TestImages.Random(1, height, width, seed: 4), CfaPattern.Rggb, new RawMetadata());
        FrameSize? target = lrHeight == 0 ? null : new FrameSize(lrHeight, lrWidth);

        RawFrame lr = model.Downscale(hr, target);

        RawDownscalePlan plan = RawDownscaleGeometry.Plan(new FrameSize(height, width), target, RationalScale.Parse("13/10"));
        Assert.Equal(plan.Lr, new FrameSize(lr.Height, lr.Width));
        Assert.Equal(plan.Lr, lr.Metadata.LrSize);
        Assert.Equal(plan.Region, lr.Metadata.HrRegion);
        Assert.Equal(plan.Ratio, lr.Metadata.ScaleActual);
        Assert.Equal("lr", lr.Metadata.Kind);
        Assert.All(lr.Mosaic.Data.ToArray(), v => Assert.InRange(v, 0f, 1f));

        // The same numbers as the fixed grid fed through the shared geometry by hand.
        PlanarImage network = model.Run(model.Grid.Input(hr, plan));
        Assert.Equal(0, TestImages.MaxAbsDifference(model.Grid.Output(hr, plan, network).Mosaic, lr.Mosaic));
    }

    [Fact]
    public void Downscale_From8ThreadsAtOnce_EqualsOneThreadBitForBit()
    {
        using RawOnnxDownscaler model = RawOnnxDownscaler.Load(OnnxFixtures.Raw.Model("improved_x13"));
        RawFrame[] frames = [.. Enumerable.Range(0, 8).Select(i => new RawFrame(TestImages.Random(1, 90 + (2 * i), 118, seed: i), CfaPattern.Rggb, new RawMetadata()))];
        RawFrame[] sequential = [.. frames.Select(f => model.Downscale(f))];

        var concurrent = new RawFrame[frames.Length];
        Parallel.For(0, frames.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => concurrent[i] = model.Downscale(frames[i]));

        for (int i = 0; i < frames.Length; i++)
        {
            Assert.Equal(sequential[i].Mosaic.Data.ToArray(), concurrent[i].Mosaic.Data.ToArray());
        }
    }

    [Fact]
    public void Downscale_ByAScale_TakesTheModelsOwnAndRefusesAnother()
    {
        using RawOnnxDownscaler model = RawOnnxDownscaler.Load(OnnxFixtures.Raw.Model("improved_x13"));
        var hr = new RawFrame(TestImages.Random(1, 90, 118, seed: 6), CfaPattern.Rggb, new RawMetadata());

        RawFrame lr = model.Downscale(hr, RationalScale.Parse("1.3"));

        Assert.Equal(0, TestImages.MaxAbsDifference(model.Downscale(hr).Mosaic, lr.Mosaic));
        var error = Assert.Throws<ArgumentException>(() => model.Downscale(hr, RationalScale.Parse("2")));
        Assert.Contains("13/10", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public void Load_TruncatedRawModel_IsATypedError(double fraction)
    {
        byte[] bytes = File.ReadAllBytes(OnnxFixtures.Raw.Model("improved_x13"));

        Assert.Throws<OnnxModelFormatException>(() => RawOnnxDownscaler.FromBytes(bytes[..(int)(bytes.Length * fraction)], "truncated.onnx"));
    }

    [Fact]
    public void Load_AnAdkNetModel_IsATypedErrorThatSaysWhatItIs()
    {
        var error = Assert.Throws<OnnxModelFormatException>(() => RawOnnxDownscaler.Load(OnnxFixtures.Model("s2_k5")));

        Assert.Contains("not a RAW wavelet model", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RawOnnxContract.FormatKey)]
    [InlineData(RawOnnxContract.ScaleKey)]
    [InlineData(RawOnnxContract.LevelsKey)]
    public void Load_ModelMissingARequiredMetadataKey_IsATypedErrorNamingTheKey(string key)
    {
        ModelProto proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(OnnxFixtures.Raw.Model("improved_x13")));
        proto.MetadataProps.Remove(proto.MetadataProps.Single(p => p.Key == key));

        var error = Assert.Throws<OnnxModelFormatException>(() => RawOnnxDownscaler.FromBytes(proto.ToByteArray(), "stripped.onnx"));

        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportedGraph_WritesEveryScalarAttributesValue_EvenZero()
    {
        // proto3 drops a scalar 0 unless the field has explicit presence; OpenCV's importer (proto2) then rejects
        // Concat(axis = 0) and Shape(start = 0) with "unsupported attribute format".
        ModelProto proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(OnnxFixtures.Raw.Model("improved_x13")));
        AttributeProto[] ints = [.. proto.Graph.Node.SelectMany(n => n.Attribute).Where(a => a.Type == AttributeProto.Types.AttributeType.Int)];

        Assert.Contains(ints, a => a.I == 0);
        Assert.All(ints, a => Assert.True(a.HasI, $"INT attribute '{a.Name}' carries no value"));
    }

    [Fact]
    public void Run_InputOffTheModelsBlocks_IsRefusedBeforeOnnxRuntime()
    {
        using RawOnnxDownscaler model = RawOnnxDownscaler.Load(OnnxFixtures.Raw.Model("improved_x13"));

        var error = Assert.Throws<ArgumentException>(() => model.Run(new PlanarImage(4, 52, 60)));

        Assert.Contains("multiples of 52", error.Message, StringComparison.Ordinal);
    }
}
