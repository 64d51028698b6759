using Downscale.Tests;
using Downscale.Core.Data;
using Downscale.Core.Imaging;

namespace Downscale.Core.Tests.Data;

public class AugmentTests
{
    public static TheoryData<AugmentKind> AllKinds()
    {
        var kinds = new TheoryData<AugmentKind>();
        for (int k = 0; k < 8; k++)
        {
            kinds.Add((AugmentKind)k);
        }

        return kinds;
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void SameKindOnBothImages_KeepsLrTheBlockMeanOfHr(AugmentKind kind)
    {
        PlanarImage hr = TestImages.Random(3, 12, 18, seed: 1);
        PlanarImage lr = PairFolders.BlockMean(hr, 3);

        PlanarImage hrAugmented = Augment.Apply(hr, kind), lrAugmented = Augment.Apply(lr, kind);

        PairFolders.AssertSameImage(lrAugmented, PairFolders.BlockMean(hrAugmented, 3));
    }

    [Fact]
    public void Kinds_MatchTheirDefinitions()
    {
        // 2x3 image: [[0, 1, 2], [3, 4, 5]].
        var image = PlanarImage.Wrap(new float[] { 0, 1, 2, 3, 4, 5 }, 1, 2, 3);

        Assert.Equal([2f, 1, 0, 5, 4, 3], Augment.Apply(image, AugmentKind.FlipHorizontal).Data.ToArray());
        Assert.Equal([3f, 4, 5, 0, 1, 2], Augment.Apply(image, AugmentKind.FlipVertical).Data.ToArray());
        PlanarImage transposed = Augment.Apply(image, AugmentKind.Transpose);
        Assert.Equal((3, 2), (transposed.Height, transposed.Width));
        Assert.Equal([0f, 3, 1, 4, 2, 5], transposed.Data.ToArray());
        // Flip left-right then transpose: a 90-degree counter-clockwise rotation.
        Assert.Equal([2f, 5, 1, 4, 0, 3], Augment.Apply(image, AugmentKind.FlipHorizontal | AugmentKind.Transpose).Data.ToArray());
    }

    [Fact]
    public void EightKinds_GiveEightDistinctImages()
    {
        PlanarImage image = TestImages.Random(2, 4, 4, seed: 2);
        var distinct = new HashSet<string>();
        for (int k = 0; k < 8; k++)
        {
            distinct.Add(string.Join(',', Augment.Apply(image, (AugmentKind)k).Data.ToArray()));
        }

        Assert.Equal(8, distinct.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => Augment.Apply(image, (AugmentKind)8));
    }

    [Fact]
    public void Draw_IsSeededAndCoversEveryKind()
    {
        var a = new Random(3);
        var b = new Random(3);
        var drawn = Enumerable.Range(0, 200).Select(_ => Augment.Draw(a)).ToList();

        Assert.Equal(drawn, Enumerable.Range(0, 200).Select(_ => Augment.Draw(b)));
        Assert.Equal(8, drawn.Distinct().Count());
    }
}
