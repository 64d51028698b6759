using Downscale.Core.Imaging;
using Downscale.Onnx.Export;
using Downscale.Onnx.Protobuf;
using Downscale.Onnx.Runtime;
using Downscale.Tests;

namespace Downscale.Onnx.Tests.Export;

/// <summary>The TorchSharp-free half of the exporter: the graph writer, its metadata and its refusals.</summary>
public class AdkNetOnnxWriterTests
{
    private static readonly AdkNetGraphSpec Small = new()
    {
        Scale = 3, KernelSize = 7, Features = 4, BackboneBlocks = 1, TrunkBlocks = 1, BranchBlocks = 1, Epsilon = 1e-6,
    };

    [Theory]
    [InlineData(AdkNetSharing.PerChannel, AdkNetBlocks.Residual, false)]
    [InlineData(AdkNetSharing.SharedTrunk, AdkNetBlocks.Plain, true)]
    [InlineData(AdkNetSharing.SingleStream, AdkNetBlocks.Residual, false)]
    public void WrittenModel_OnAConstantImage_GivesThatConstant(AdkNetSharing sharing, AdkNetBlocks blocks, bool fieldAware)
    {
        // Two-stage kernels are non-negative and sum to one, so every output pixel is a convex combination of HR pixels:
        // a constant image stays that constant, whatever the (random) weights. This exercises the whole kernel path.
        var spec = Small with { Sharing = sharing, Blocks = blocks, FieldAware = fieldAware };
        using OnnxDownscaler model = OnnxDownscaler.FromBytes(AdkNetOnnxWriter.Serialize(spec, SpecWeights.Random(spec, seed: 1)), "small.onnx");
        var hr = new PlanarImage(3, 27, 33);
        hr.Data.Span.Fill(0.625f);

        PlanarImage lr = model.Downscale(hr);

        Assert.Equal((3, 9, 11), (lr.Channels, lr.Height, lr.Width));
        Assert.All(lr.Data.ToArray(), value => Assert.Equal(0.625f, value, 1e-4f));
        Assert.Equal(fieldAware ? 5 : 3, model.InputChannels);
    }

    [Fact]
    public void WrittenModel_IsOpset17WithSymbolicSizes_AndCarriesItsMetadata()
    {
        List<ExportTensor> weights = SpecWeights.Random(Small, seed: 2);
        var extra = new Dictionary<string, string> { ["features"] = "999", ["note"] = "kept" };

        ModelProto model = TestModels.Parse(AdkNetOnnxWriter.Serialize(Small, weights, extra));

        Assert.Equal(8, model.IrVersion);
        Assert.Equal(17, Assert.Single(model.OpsetImport).Version);
        var input = Assert.Single(model.Graph.Input);
        Assert.Equal(OnnxDownscalerContract.InputName, input.Name);
        Assert.Equal(["batch", "", "height", "width"], input.Type.TensorType.Shape.Dim.Select(d => d.DimParam));
        Assert.Equal(3, input.Type.TensorType.Shape.Dim[1].DimValue);
        Assert.Equal(OnnxDownscalerContract.OutputName, Assert.Single(model.Graph.Output).Name);
        var metadata = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("3", metadata["scale"]);
        Assert.Equal("7", metadata["kernel_size"]);
        Assert.Equal("4", metadata["features"]); // computed keys replace given ones
        Assert.Equal("kept", metadata["note"]);
        Assert.Equal("unknown", metadata["training_protocol"]);
        Assert.Equal("adknet:per_channel,residual,two_stage", metadata["variant"]);
        Assert.Equal(WeightsHash.Compute(weights), metadata["weights_sha256"]);
        Assert.Equal((((1 + 3 + 3) * 3) + 2 + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), metadata["receptive_field_radius"]);
    }

    [Fact]
    public void WrittenModel_UsesOnlyOperatorsThatOpenCvImportsWithSymbolicSizes()
    {
        string[] accepted = ["Pad", "Conv", "Relu", "Add", "Sub", "Div", "Mul", "Neg", "Transpose", "MaxPool", "Concat", "Slice"];
        foreach (var spec in new[] { Small, Small with { Normalization = AdkNetNormalization.SumOnly, FieldAware = true }, Small with { Normalization = AdkNetNormalization.MinMaxOnly } })
        {
            ModelProto model = TestModels.Parse(AdkNetOnnxWriter.Serialize(spec, SpecWeights.Random(spec, seed: 3)));

            Assert.All(model.Graph.Node, node => Assert.Contains(node.OpType, accepted));
        }
    }

    [Fact]
    public void Write_MissingWeight_NamesItAndWritesNothing()
    {
        List<ExportTensor> weights = SpecWeights.Random(Small, seed: 4);
        weights.RemoveAll(w => w.Name == "trunks.1.blocks.0.conv2.bias");
        string folder = TestPaths.NewTempFolder();
        string path = Path.Combine(folder, "model.onnx");

        var error = Assert.Throws<OnnxExportException>(() => AdkNetOnnxWriter.Write(path, Small, weights));

        Assert.Contains("'trunks.1.blocks.0.conv2.bias'", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder)); // neither the model nor a temporary file
    }

    [Fact]
    public void Write_MisshapenExtraOrNonFiniteWeights_AreRefusedByName()
    {
        List<ExportTensor> good = SpecWeights.Random(Small, seed: 5);
        List<ExportTensor> misshapen = [.. good.Select(w => w.Name == "downsample.conv.weight" ? w with { Shape = [4, 4, 9, 9] } : w)];
        List<ExportTensor> extra = [.. good, new ExportTensor("head.extra.weight", [1], [0f])];
        List<ExportTensor> nan = [.. good.Select(w => w.Name == "feature_extractor.tail.bias" ? w with { Data = [0, float.NaN, 0, 0] } : w)];

        Assert.Contains("[4, 36, 3, 3]", Assert.Throws<OnnxExportException>(() => AdkNetOnnxWriter.Serialize(Small, misshapen)).Message, StringComparison.Ordinal);
        Assert.Contains("'head.extra.weight'", Assert.Throws<OnnxExportException>(() => AdkNetOnnxWriter.Serialize(Small, extra)).Message, StringComparison.Ordinal);
        Assert.Contains("NaN", Assert.Throws<OnnxExportException>(() => AdkNetOnnxWriter.Serialize(Small, nan)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AdkNetOnnxWriter.Serialize(Small with { KernelSize = 15 }, good));
    }

    [Fact]
    public void Write_ReplacesAnExistingFileWhole()
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), "model.onnx");
        File.WriteAllText(path, "old");

        AdkNetOnnxWriter.Write(path, Small, SpecWeights.Random(Small, seed: 6));

        using OnnxDownscaler model = OnnxDownscaler.Load(path);
        Assert.Equal(3, model.Scale);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }
}
