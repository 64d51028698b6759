using Downscale.Core.Imaging;
using Downscale.Onnx.Export;
using Downscale.Onnx.Export.Flavours;
using Downscale.Onnx.Protobuf;
using Downscale.Onnx.Runtime;
using Downscale.Onnx.Tests.Runtime;
using Downscale.Tests;

namespace Downscale.Onnx.Tests.Export;

/// <summary>The float16 and int8 QDQ experiments compute (approximately) the float32 model, in the form they claim.</summary>
public class FlavourTests
{
    private static byte[] Float32 => File.ReadAllBytes(OnnxFixtures.Model("s2_k5"));

    [Fact]
    public void Float16_StoresHalfWeights_AndStaysCloseToFloat32()
    {
        byte[] half = Float16Flavour.Convert(Float32);

        ModelProto model = TestModels.Parse(half);
        Assert.All(model.Graph.Initializer.Where(t => t.DataType != (int)TensorProto.Types.DataType.Int64),
            t => Assert.Equal((int)TensorProto.Types.DataType.Float16, t.DataType));
        Assert.Equal(("Cast", "Cast"), (model.Graph.Node[0].OpType, model.Graph.Node[^1].OpType));
        using OnnxDownscaler float16 = OnnxDownscaler.FromBytes(half, "fp16.onnx");
        PlanarImage output = float16.Run(OnnxFixtures.Input("s2_k5"));
        double difference = TestImages.MaxAbsDifference(output, OnnxFixtures.TorchOutput("s2_k5"));
        Assert.True(difference is > 0 and < 5e-3, $"float16 vs float32: {difference}");
    }

    [Fact]
    public void Int8_WrapsEveryLearnedConvInQdq_AndStaysCloseToFloat32()
    {
        PlanarImage[] calibration = [.. Enumerable.Range(0, 4).Select(seed => TestImages.Random(3, 32, 32, seed))];

        byte[] int8 = OnnxInt8Quantizer.Quantize(Float32, calibration);

        ModelProto model = TestModels.Parse(int8);
        int learnedConvs = TestModels.Parse(Float32).Graph.Initializer.Count(t => t.Name.EndsWith(".weight", StringComparison.Ordinal));
        Assert.Equal(learnedConvs, model.Graph.Initializer.Count(t => t.DataType == (int)TensorProto.Types.DataType.Int8 && t.Dims.Count == 4));
        Assert.DoesNotContain(model.Graph.Initializer, t => t.Name.EndsWith(".weight", StringComparison.Ordinal));
        Assert.Contains(model.Graph.Node, n => n.OpType == "QuantizeLinear");
        using OnnxDownscaler quantized = OnnxDownscaler.FromBytes(int8, "int8.onnx");
        PlanarImage output = quantized.Run(OnnxFixtures.Input("s2_k5"));
        double difference = TestImages.MaxAbsDifference(output, OnnxFixtures.TorchOutput("s2_k5"));
        Assert.True(difference is > 0 and < 0.05, $"int8 vs float32: {difference}");
        Assert.Equal("int8-qdq:all", quantized.Metadata[OnnxInt8Quantizer.QuantizationKey]);
    }

    [Fact]
    public void Int8_FeatureExtractorOnly_LeavesTheGeneratorsInFloat()
    {
        PlanarImage[] calibration = [.. Enumerable.Range(0, 2).Select(seed => TestImages.Random(3, 32, 32, seed))];

        ModelProto model = TestModels.Parse(OnnxInt8Quantizer.Quantize(Float32, calibration, OnnxInt8Quantizer.FeatureExtractor));

        string[] quantizedWeights = [.. model.Graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Int8 && t.Dims.Count == 4).Select(t => t.Name)];
        Assert.Equal(1 + (2 * 4) + 1, quantizedWeights.Length); // head, 4 residual blocks of 2 convs, tail
        Assert.All(quantizedWeights, name => Assert.StartsWith("feature_extractor.", name, StringComparison.Ordinal));
        Assert.Contains(model.Graph.Initializer, t => t.Name == "trunks.0.conv.weight" && t.DataType == (int)TensorProto.Types.DataType.Float);
        Assert.Contains(model.MetadataProps, p => p.Key == OnnxInt8Quantizer.QuantizationKey && p.Value == "int8-qdq:feature_extractor");
        Assert.Throws<ArgumentException>(() => OnnxInt8Quantizer.Quantize(Float32, []));
    }
}
