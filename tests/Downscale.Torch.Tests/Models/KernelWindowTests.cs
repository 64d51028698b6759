using Downscale.Torch.Models.AdkNet;

namespace Downscale.Torch.Tests.Models;

/// <summary>The tap geometry, pinned by hand for odd and even scales and kernel sides.</summary>
public class KernelWindowTests
{
    [Theory]
    // s, k, offset, pad before, pad after, centre shift (window centre - u)
    [InlineData(2, 5, -2, 2, 1, -0.5)] // the paper's k = 2s + 1 at even s: half a pixel up/left of u
    [InlineData(2, 6, -2, 2, 2, 0.0)] // k = 2s + 2 centres at even s
    [InlineData(3, 7, -2, 2, 2, 0.0)] // the paper's k at odd s centres
    [InlineData(3, 6, -2, 2, 1, -0.5)]
    [InlineData(4, 9, -3, 3, 2, -0.5)]
    [InlineData(4, 10, -3, 3, 3, 0.0)]
    [InlineData(2, 2, 0, 0, 0, 0.0)] // a 2x2 box: exactly the pixel's own block
    public void Window_HasTheDocumentedOffsetPaddingAndCentre(int s, int k, int offset, int before, int after, double shift)
    {
        var window = new KernelWindow(s, k);

        Assert.Equal(offset, window.Offset);
        Assert.Equal(before, window.PadBefore);
        Assert.Equal(after, window.PadAfter);
        Assert.Equal(shift, window.CentreShift);
        Assert.Equal(shift == 0, window.IsCentred);
    }

    [Theory]
    // s, k, LR index, tap, HR length, HR index read
    [InlineData(2, 5, 0, 0, 8, 2)] // -2 reflects to 2
    [InlineData(2, 5, 0, 1, 8, 1)] // -1 reflects to 1
    [InlineData(2, 5, 1, 2, 8, 2)] // centre tap of x = 1 reads 2 = floor(u = 2.5)
    [InlineData(2, 5, 3, 4, 8, 6)] // 3*2 - 2 + 4 = 8 reflects to 6
    [InlineData(3, 7, 1, 3, 9, 4)] // centre tap of x = 1 reads u = 4
    [InlineData(3, 7, 2, 6, 9, 6)] // 6 - 2 + 6 = 10; 8 is the last index, so 10 mirrors to 6
    [InlineData(4, 9, 0, 4, 8, 1)] // centre tap reads 1 = floor(u = 1.5)
    [InlineData(4, 10, 1, 0, 8, 1)] // 4 - 3 = 1
    public void Source_IsStartPlusTap_Reflected(int s, int k, int lrIndex, int tap, int hrLength, int expected)
    {
        int source = new KernelWindow(s, k).Source(lrIndex, tap, hrLength);

        Assert.Equal(expected, source);
    }

    [Theory]
    [InlineData(-1, 5, 1)]
    [InlineData(-3, 5, 3)]
    [InlineData(5, 5, 3)]
    [InlineData(6, 5, 2)]
    [InlineData(0, 5, 0)]
    [InlineData(4, 5, 4)]
    [InlineData(-9, 5, 1)] // beyond one reflection: period 2(n - 1) = 8
    public void Reflect_MirrorsWithoutRepeatingTheEdge(int index, int length, int expected) =>
        Assert.Equal(expected, KernelWindow.Reflect(index, length));

    [Fact]
    public void Source_RejectsTapsOutsideTheKernel() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new KernelWindow(2, 5).Source(0, 5, 8));
}
