using Downscale.Core.Imaging;
using Downscale.Onnx.Export;
using Downscale.Onnx.Runtime;
using Downscale.Tests;

namespace Downscale.Onnx.Tests.Runtime;

/// <summary>Files that are not image downscalers fail with a typed error that says what is wrong, never a crash.</summary>
public class OnnxDownscalerContractTests
{
    [Fact]
    public void Load_MissingFile_IsFileNotFound()
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), "absent.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => OnnxDownscaler.Load(path));

        Assert.Contains("absent.onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyFile_IsAFormatError()
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), "empty.onnx");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<OnnxModelFormatException>(() => OnnxDownscaler.Load(path));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RandomBytes_IsAFormatErrorNamingTheFile()
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), "noise.onnx");
        var bytes = new byte[4096];
        new Random(3).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<OnnxModelFormatException>(() => OnnxDownscaler.Load(path));

        Assert.Contains("noise.onnx", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(error); // the CLI maps file errors to its bad-input exit code
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.5)]
    [InlineData(0.97)]
    [InlineData(0.9999)]
    public void Load_TruncatedModel_IsAFormatError(double fraction)
    {
        byte[] whole = File.ReadAllBytes(OnnxFixtures.Model("s2_k5"));
        byte[] truncated = whole[..(int)(whole.Length * fraction)];

        Assert.Throws<OnnxModelFormatException>(() => OnnxDownscaler.FromBytes(truncated, "truncated.onnx"));
    }

    [Fact]
    public void Load_ModelWithTwoInputs_IsNotADownscaler()
    {
        byte[] model = TestModels.Serialize(graph =>
        {
            string a = graph.Input("a", "batch", 3, "height", "width");
            string b = graph.Input("b", "batch", 3, "height", "width");
            graph.Output(graph.Node("Add", "sum", [a, b]), "batch", 3, "height", "width");
        }, TestModels.Metadata());

        var error = Assert.Throws<OnnxModelFormatException>(() => OnnxDownscaler.FromBytes(model, "two.onnx"));

        Assert.Contains("2 inputs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ModelTakingAVector_IsNotADownscaler()
    {
        byte[] model = TestModels.Serialize(graph =>
        {
            string x = graph.Input("features", "batch", 10);
            graph.Output(graph.Node("Relu", "scores", [x]), "batch", 10);
        }, TestModels.Metadata());

        var error = Assert.Throws<OnnxModelFormatException>(() => OnnxDownscaler.FromBytes(model, "classifier.onnx"));

        Assert.Contains("[batch, 10]", error.Message, StringComparison.Ordinal);
        Assert.Contains("(N, C, H, W)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ModelWithSymbolicPlanes_IsNotADownscaler()
    {
        byte[] model = TestModels.Serialize(graph =>
        {
            string x = graph.Input("hr", "batch", "channels", "height", "width");
            graph.Output(graph.Node("Relu", "lr", [x]), "batch", "channels", "height", "width");
        }, TestModels.Metadata());

        var error = Assert.Throws<OnnxModelFormatException>(() => OnnxDownscaler.FromBytes(model, "any.onnx"));

        Assert.Contains("fixed number of planes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ModelWithIntegerOutput_IsNotADownscaler()
    {
        byte[] model = TestModels.Serialize(graph =>
        {
            string x = graph.Input("hr", "batch", 3, "height", "width");
            string cast = graph.Node("Cast", "lr", [x], OnnxGraph.Int("to", (long)Protobuf.TensorProto.Types.DataType.Int64));
            graph.Output(cast, "batch", 3, "height", "width");
            graph.Graph.Output[0].Type.TensorType.ElemType = (int)Protobuf.TensorProto.Types.DataType.Int64;
        }, TestModels.Metadata());

        var error = Assert.Throws<OnnxModelFormatException>(() => OnnxDownscaler.FromBytes(model, "labels.onnx"));

        Assert.Contains("Int64", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OnnxDownscalerContract.ScaleKey)]
    [InlineData(OnnxDownscalerContract.ReceptiveFieldKey)]
    public void Load_ModelLackingARequiredMetadataKey_NamesTheKey(string key)
    {
        Dictionary<string, string> metadata = TestModels.Metadata();
        metadata.Remove(key);

        var error = Assert.Throws<OnnxModelFormatException>(() => OnnxDownscaler.FromBytes(TestModels.BoxFilter(metadata: metadata), "bare.onnx"));

        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("bare.onnx", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("two")]
    [InlineData("-2")]
    [InlineData("0")]
    public void Load_ModelWithAnInvalidScale_SaysWhatItIs(string scale)
    {
        Dictionary<string, string> metadata = TestModels.Metadata();
        metadata[OnnxDownscalerContract.ScaleKey] = scale;

        var error = Assert.Throws<OnnxModelFormatException>(() => OnnxDownscaler.FromBytes(TestModels.BoxFilter(metadata: metadata), "odd.onnx"));

        Assert.Contains($"'{scale}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FieldAwareMetadataOnAnRgbModel_IsRefused()
    {
        Dictionary<string, string> metadata = TestModels.Metadata();
        metadata[OnnxDownscalerContract.FieldAwareKey] = "true";

        var error = Assert.Throws<OnnxModelFormatException>(() => OnnxDownscaler.FromBytes(TestModels.BoxFilter(metadata: metadata), "rgb.onnx"));

        Assert.Contains("field-aware", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TileOfTheWrongPlanesOrSize_IsAnArgumentError()
    {
        using OnnxDownscaler model = OnnxDownscaler.FromBytes(TestModels.BoxFilter(scale: 2), "box.onnx");

        Assert.Contains("3 planes", Assert.Throws<ArgumentException>(() => model.Run(new PlanarImage(1, 8, 8))).Message, StringComparison.Ordinal);
        Assert.Contains("9x8", Assert.Throws<ArgumentException>(() => model.Run(new PlanarImage(3, 9, 8))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => model.Downscale(new PlanarImage(4, 8, 8)));
    }
}
