using Downscale.Core.Imaging;
using Downscale.Tests;

namespace Downscale.Core.Tests.Imaging;

public class ComparisonGridTests
{
    [Fact]
    public void Compose_PlacesEachCellZoomedInItsSlot_WithGapsOfBackground()
    {
        PlanarImage a = TestImages.Random(3, 2, 3, seed: 1), b = TestImages.Random(3, 1, 2, seed: 2), c = TestImages.Random(3, 2, 2, seed: 3);

        PlanarImage grid = ComparisonGrid.Compose([[a, b], [c]], zoom: 2, gap: 1, background: 0.5f);

        // Row 0: slots of 6 px (widest cell 3 x zoom 2), height 4; row 1: slot 4, height 4.
        Assert.Equal((3, 1 + 4 + 1 + 4 + 1, 1 + (2 * (6 + 1))), (grid.Channels, grid.Height, grid.Width));
        for (int ch = 0; ch < 3; ch++)
        {
            Assert.Equal(a.Row(ch, 1)[2], grid.Row(ch, 1 + 3)[1 + 5]);   // a(1,2) zoomed covers rows 3-4, cols 5-6 of the slot
            Assert.Equal(b.Row(ch, 0)[1], grid.Row(ch, 1 + 1)[1 + 7 + 3]); // b starts after slot 0 and the gap
            Assert.Equal(0.5f, grid.Row(ch, 1 + 2)[1 + 7 + 3]);             // below b's 2 zoomed rows: background
            Assert.Equal(c.Row(ch, 1)[0], grid.Row(ch, 1 + 4 + 1 + 2)[1]);
            Assert.Equal(0.5f, grid.Row(ch, 0)[4]);                         // top gap
        }
    }

    [Fact]
    public void Compose_RefusesMixedChannelCountsAndEmptyRows()
    {
        PlanarImage rgb = TestImages.Random(3, 2, 2, seed: 1), gray = TestImages.Random(1, 2, 2, seed: 2);

        Assert.Throws<ArgumentException>(() => ComparisonGrid.Compose([[rgb, gray]]));
        Assert.Throws<ArgumentException>(() => ComparisonGrid.Compose([[rgb], []]));
        Assert.Throws<ArgumentException>(() => ComparisonGrid.Compose([]));
    }
}
