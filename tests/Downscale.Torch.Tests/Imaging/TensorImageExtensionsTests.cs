using System.Buffers;
using System.Runtime.InteropServices;
using Downscale.Core.Imaging;
using Downscale.Torch.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Imaging;

public class TensorImageExtensionsTests
{
    [Fact]
    public void ToTensor_IsNchwWithTheImageValues()
    {
        PlanarImage image = Ramp(3, 4, 5);

        using Tensor tensor = image.ToTensor();

        Assert.Equal([1L, 3, 4, 5], tensor.shape);
        Assert.Equal(ScalarType.Float32, tensor.dtype);
        Assert.Equal(image.Row(2, 3)[4], tensor[0, 2, 3, 4].item<float>());
        Assert.Equal(image.Data.ToArray(), tensor.data<float>().ToArray());
    }

    [Fact]
    public void ToTensor_SharesMemoryWithTheImage()
    {
        PlanarImage image = Ramp(2, 3, 4);
        using Tensor tensor = image.ToTensor();

        image.Row(1, 2)[3] = 42f;
        tensor[0, 0, 1, 1] = torch.tensor(-7f);

        Assert.Equal(42f, tensor[0, 1, 2, 3].item<float>());
        Assert.Equal(-7f, image.Row(0, 1)[1]);
    }

    [Fact]
    public void ToTensor_OfAChannelView_SharesTheRightSlice()
    {
        PlanarImage image = Ramp(3, 2, 2);
        PlanarImage green = image.ChannelView(1, 1);
        using Tensor tensor = green.ToTensor();

        tensor[0, 0, 0, 0] = torch.tensor(9f);

        Assert.Equal([1L, 1, 2, 2], tensor.shape);
        Assert.Equal(9f, image.Row(1, 0)[0]);
        Assert.Equal(image.Row(1, 1)[1], tensor[0, 0, 1, 1].item<float>());
    }

    [Fact]
    public void ToTensor_OfNonArrayMemory_CopiesOnce()
    {
        using var owner = new NativeFloats(2 * 2 * 3);
        owner.Memory.Span.Fill(0.25f);
        var image = PlanarImage.Wrap(owner.Memory, 2, 2, 3);

        using Tensor tensor = image.ToTensor();
        image.Plane(0)[0] = 1f;

        Assert.Equal(0.25f, tensor[0, 0, 0, 0].item<float>());
        Assert.Equal([1L, 2, 2, 3], tensor.shape);
    }

    [Fact]
    public void ToPlanarImage_RoundTripsAndCopies()
    {
        PlanarImage image = Ramp(3, 4, 6);
        using Tensor tensor = image.ToTensor();

        PlanarImage back = tensor.ToPlanarImage();
        image.Plane(0)[0] = 5f;

        Assert.True(back.SameShape(image));
        Assert.Equal(0f, back.Plane(0)[0]);
        Assert.Equal(image.Plane(2).ToArray(), back.Plane(2).ToArray());
    }

    [Fact]
    public void ToPlanarImage_AcceptsChwNonContiguousAndDoubleTensors()
    {
        using Tensor hwc = torch.arange(0, 24, dtype: ScalarType.Float64).reshape(2, 3, 4); // H=2, W=3, C=4
        using Tensor chw = hwc.permute(2, 0, 1);                                             // not contiguous

        PlanarImage image = chw.ToPlanarImage();

        Assert.False(chw.is_contiguous());
        Assert.Equal((4, 2, 3), (image.Channels, image.Height, image.Width));
        Assert.Equal(hwc[1, 2, 3].item<double>(), image.Row(3, 1)[2]);
        Assert.Equal(ScalarType.Float64, chw.dtype); // the input is left as it was
    }

    [Fact]
    public void ToPlanarImage_RefusesBatchesWrongRanksAndIntegers()
    {
        using Tensor batch = torch.zeros(2, 3, 4, 4);
        using Tensor flat = torch.zeros(16);
        using Tensor bytes = torch.zeros(new long[] { 1, 3, 2, 2 }, ScalarType.Byte);

        Assert.Throws<ArgumentException>(() => batch.ToPlanarImage());
        Assert.Throws<ArgumentException>(() => flat.ToPlanarImage());
        Assert.Throws<ArgumentException>(() => bytes.ToPlanarImage());
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

    /// <summary>Float memory outside the managed heap, so that <see cref="MemoryMarshal.TryGetArray{T}"/> fails.</summary>
    private sealed unsafe class NativeFloats(int length) : MemoryManager<float>
    {
        private readonly float* pointer = (float*)NativeMemory.AllocZeroed((nuint)length, sizeof(float));

        public override Span<float> GetSpan() => new(pointer, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing) => NativeMemory.Free(pointer);
    }
}
