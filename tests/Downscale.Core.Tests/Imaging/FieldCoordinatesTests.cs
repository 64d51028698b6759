using Downscale.Core.Data;
using Downscale.Core.Imaging;

namespace Downscale.Core.Tests.Imaging;

public class FieldCoordinatesTests
{
    public static TheoryData<int> AllKinds() => new(Enumerable.Range(0, 8));

    [Fact]
    public void Create_HoldsNormalisedPixelCentres()
    {
        PlanarImage planes = FieldCoordinates.Create(4, 5);

        Assert.Equal((2, 4, 5), (planes.Channels, planes.Height, planes.Width));
        // x = (2i + 1) / 5 - 1 along every row; y = (2i + 1) / 4 - 1 along every column.
        Assert.Equal([-0.8f, -0.4f, 0f, 0.4f, 0.8f], planes.Row(0, 2).ToArray(), new ToleranceComparer(1e-6f));
        Assert.Equal([-0.75f, -0.25f, 0.25f, 0.75f], Enumerable.Range(0, 4).Select(y => planes.Row(1, y)[3]), new ToleranceComparer(1e-6f));
        Assert.All(Enumerable.Range(0, 4), y => Assert.Equal(planes.Row(0, 0).ToArray(), planes.Row(0, y).ToArray()));
    }

    [Fact]
    public void Create_Window_EqualsTheCropOfTheFullPlanes_AndExtendsLinearlyOutside()
    {
        PlanarImage full = FieldCoordinates.Create(12, 20);
        PlanarImage window = FieldCoordinates.Create(12, 20, top: 3, left: 7, height: 5, width: 6);
        PlanarImage halo = FieldCoordinates.Create(12, 20, top: -2, left: 18, height: 3, width: 4);

        for (int c = 0; c < 2; c++)
        {
            for (int y = 0; y < 5; y++)
            {
                Assert.Equal(full.Row(c, 3 + y).Slice(7, 6).ToArray(), window.Row(c, y).ToArray());
            }
        }

        Assert.Equal(FieldCoordinates.Normalize(-2, 12), halo.Row(1, 0)[0]);
        Assert.True(halo.Row(1, 0)[0] < -1f, "a halo row above the image lies beyond -1");
        Assert.True(halo.Row(0, 0)[3] > 1f, "a halo column right of the image lies beyond +1");
    }

    [Fact]
    public void Append_KeepsTheImagePlanes_ThenAddsXAndY()
    {
        PlanarImage rgb = Identified(6, 9);

        PlanarImage five = FieldCoordinates.Append(rgb);

        Assert.Equal(5, five.Channels);
        Assert.Equal(rgb.Data.ToArray(), five.ChannelView(0, 3).Clone().Data.ToArray());
        Assert.Equal(FieldCoordinates.Create(6, 9).Data.ToArray(), five.ChannelView(3, 2).Clone().Data.ToArray());
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void AugmentApply_MovesTheCoordinatesWithThePixels_SoEachHoldsItsOriginalPosition(int kindValue)
    {
        var kind = (AugmentKind)kindValue;
        const int height = 6, width = 10;
        PlanarImage augmented = Augment.Apply(FieldCoordinates.Append(Identified(height, width)), kind);

        for (int y = 0; y < augmented.Height; y++)
        {
            for (int x = 0; x < augmented.Width; x++)
            {
                // Plane 0 carries the original pixel's id y * width + x (exact in float32).
                int id = (int)augmented.Row(0, y)[x];
                int originalY = id / width, originalX = id % width;
                Assert.Equal(FieldCoordinates.Normalize(originalX, width), augmented.Row(3, y)[x]);
                Assert.Equal(FieldCoordinates.Normalize(originalY, height), augmented.Row(4, y)[x]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void ToAugmentedFrame_EqualsTheCoordinatesOfTheAugmentedFullImage(int kindValue)
    {
        var kind = (AugmentKind)kindValue;
        PlanarImage moved = Augment.Apply(FieldCoordinates.Create(6, 10), kind);

        PlanarImage reframed = FieldCoordinates.ToAugmentedFrame(moved, kind);

        PlanarImage expected = FieldCoordinates.Create(moved.Height, moved.Width);
        Assert.Equal(expected.Data.ToArray(), reframed.Data.ToArray(), new ToleranceComparer(1e-6f));
        if (kind != AugmentKind.None)
        {
            Assert.NotEqual(moved.Data.ToArray(), reframed.Data.ToArray());
        }
    }

    [Fact]
    public void AlignedCrop_OfAnAppendedImage_KeepsFullImageCoordinates()
    {
        PlanarImage hr = FieldCoordinates.Append(Identified(24, 36));
        var pair = new LoadedPair("p", hr, new PlanarImage(3, 12, 18), 2);

        LoadedPair crop = AlignedCrop.At(pair, hrPatchSize: 8, lrTop: 5, lrLeft: 7);

        PlanarImage expected = FieldCoordinates.Create(24, 36, top: 10, left: 14, height: 8, width: 8);
        Assert.Equal(expected.Data.ToArray(), crop.Hr.ChannelView(3, 2).Clone().Data.ToArray());
    }

    [Fact]
    public void ToAugmentedFrame_RejectsImagesThatAreNotTwoPlanes()
    {
        var error = Assert.Throws<ArgumentException>(() => FieldCoordinates.ToAugmentedFrame(new PlanarImage(3, 2, 2), AugmentKind.FlipHorizontal));
        Assert.Contains("2 planes", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Three planes holding each pixel's id y * width + x (and offsets), so a test can tell where a pixel came from.</summary>
    private static PlanarImage Identified(int height, int width)
    {
        var image = new PlanarImage(3, height, width);
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    image.Row(c, y)[x] = (y * width) + x + (c * 1000);
                }
            }
        }

        return image;
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
