using Downscale.Core.Imaging;
using Downscale.Onnx.Runtime;
using Downscale.Tests;

namespace Downscale.Onnx.Tests.Runtime;

/// <summary>
/// Our exported ADK-Nets scored by ONNX Runtime agree with two independent peers on the same input: OpenCV's DNN
/// module (its own ONNX importer and kernels) and the PyTorch reference implementation (tools/fixtures/make_onnx_fixtures.py).
/// </summary>
public class OnnxDownscalerFixtureTests
{
    public static TheoryData<string> Cases() => [.. OnnxFixtures.Names];

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExportedModel_OnnxRuntimeOutput_EqualsOpenCvAndPyTorch(string name)
    {
        Assert.Equal("ok", OnnxFixtures.Case(name).GetProperty("opencv").GetString()); // OpenCV imported and ran the model
        using OnnxDownscaler model = OnnxDownscaler.Load(OnnxFixtures.Model(name));

        PlanarImage output = model.Run(OnnxFixtures.Input(name));

        Assert.True(TestImages.MaxAbsDifference(output, OnnxFixtures.OpenCvOutput(name)) < 1e-5, $"ORT vs OpenCV {OnnxFixtures.OpenCvVersion}");
        Assert.True(TestImages.MaxAbsDifference(output, OnnxFixtures.TorchOutput(name)) < 1e-5, "ORT vs the PyTorch reference");
    }

    [Fact]
    public void ExportedModel_ExplainsItselfThroughItsMetadata()
    {
        using OnnxDownscaler model = OnnxDownscaler.Load(OnnxFixtures.Model("s2_k5"));

        Assert.Equal(2, model.Scale);
        Assert.Equal(36, model.HaloHr); // the PyTorch reference's receptive_field_radius for this case (tests/fixtures/adknet/cases.json)
        Assert.Equal((3, 3, false), (model.InputChannels, model.OutputChannels, model.FieldAware));
        Assert.Equal("5", model.Metadata[OnnxDownscalerContract.KernelSizeKey]);
        Assert.Equal("adknet:per_channel,residual,two_stage", model.Metadata[OnnxDownscalerContract.VariantKey]);
        Assert.Equal("test-fixture", model.Metadata[OnnxDownscalerContract.TrainingProtocolKey]);
        Assert.Matches("^[0-9a-f]{64}$", model.Metadata[OnnxDownscalerContract.WeightsHashKey]);
        Assert.Equal(2L * sizeof(float) * ((4 * 8) + 3), model.BytesPerHrPixel); // C = 8 features
    }
}
