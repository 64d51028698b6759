using Downscale.Core.Imaging;
using Downscale.Onnx.Runtime;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Downscale.Onnx.Tests.Runtime;

public class OrtImageExtensionsTests
{
    [Fact]
    public void ToOrtValue_IsAnNchwFloatTensorOfTheImage()
    {
        PlanarImage image = Ramp(3, 4, 5);

        using OrtValue value = image.ToOrtValue();
        OrtTensorTypeAndShapeInfo info = value.GetTensorTypeAndShape();

        Assert.Equal(TensorElementType.Float, info.ElementDataType);
        Assert.Equal([1L, 3, 4, 5], info.Shape);
        Assert.Equal(image.Data.ToArray(), value.GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void ToOrtValue_SharesTheImageBufferWithoutACopy()
    {
        PlanarImage image = Ramp(3, 2, 3);
        using OrtValue value = image.ToOrtValue();

        image.Row(2, 1)[2] = 42f;                     // write through the image...
        value.GetTensorMutableDataAsSpan<float>()[0] = -1f; // ...and through the tensor

        Assert.Equal(42f, value.GetTensorDataAsSpan<float>()[(2 * 6) + (1 * 3) + 2]);
        Assert.Equal(-1f, image.Plane(0)[0]);
    }

    [Fact]
    public void ToOrtValue_OfAChannelView_SeesOnlyThatSlice()
    {
        PlanarImage image = Ramp(4, 2, 2);
        using OrtValue value = image.ChannelView(1, 2).ToOrtValue();

        image.Row(1, 0)[0] = 7f;

        Assert.Equal([1L, 2, 2, 2], value.GetTensorTypeAndShape().Shape);
        Assert.Equal(7f, value.GetTensorDataAsSpan<float>()[0]);
        Assert.Equal(image.Plane(2)[3], value.GetTensorDataAsSpan<float>()[7]);
    }

    [Fact]
    public void ToPlanarImage_CopiesANativeOutputTensor()
    {
        using OrtValue output = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, [1, 2, 3, 4]);
        Span<float> native = output.GetTensorMutableDataAsSpan<float>();
        for (int i = 0; i < native.Length; i++)
        {
            native[i] = i * 0.5f;
        }

        PlanarImage image = output.ToPlanarImage();
        native[0] = 99f;

        Assert.Equal((2, 3, 4), (image.Channels, image.Height, image.Width));
        Assert.Equal(0f, image.Plane(0)[0]);            // a copy: later native writes do not show
        Assert.Equal(23 * 0.5f, image.Row(1, 2)[3]);
    }

    [Fact]
    public void ToPlanarImage_AcceptsChwAndRoundTrips()
    {
        using OrtValue chw = OrtValue.CreateTensorValueFromMemory(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 1, 3]);
        PlanarImage image = Ramp(2, 3, 3);
        using OrtValue nchw = image.ToOrtValue();

        PlanarImage fromChw = chw.ToPlanarImage();
        PlanarImage back = nchw.ToPlanarImage();

        Assert.Equal((2, 1, 3), (fromChw.Channels, fromChw.Height, fromChw.Width));
        Assert.Equal([4f, 5f, 6f], fromChw.Plane(1).ToArray());
        Assert.Equal(image.Data.ToArray(), back.Data.ToArray());
    }

    [Fact]
    public void ToPlanarImage_RefusesOtherTypesAndShapes()
    {
        using OrtValue batch = OrtValue.CreateTensorValueFromMemory(new float[2 * 3], [2, 1, 1, 3]);
        using OrtValue flat = OrtValue.CreateTensorValueFromMemory(new float[4], [4]);
        using OrtValue bytes = OrtValue.CreateTensorValueFromMemory(new byte[4], [1, 1, 2, 2]);

        Assert.Throws<ArgumentException>(() => batch.ToPlanarImage());
        Assert.Throws<ArgumentException>(() => flat.ToPlanarImage());
        var error = Assert.Throws<ArgumentException>(() => bytes.ToPlanarImage());
        Assert.Contains("UInt8", error.Message, StringComparison.Ordinal);
    }

    private static PlanarImage Ramp(int channels, int height, int width)
    {
        var image = new PlanarImage(channels, height, width);
        Span<float> data = image.Data.Span;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = i / (float)data.Length;
        }

        return image;
    }
}
