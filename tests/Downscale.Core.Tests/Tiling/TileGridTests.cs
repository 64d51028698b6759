using Downscale.Core.Tiling;

namespace Downscale.Core.Tests.Tiling;

/// <summary>The tile plan: cores on the scale grid that cover the image once, halos only at interior cuts, limits kept.</summary>
public class TileGridTests
{
    [Theory]
    [InlineData(96, 72, 2, 3, 14)]
    [InlineData(99, 60, 3, 7, 3)]
    [InlineData(400, 36, 4, 5, 40)]
    public void Cores_CoverTheImageOnce_OnTheScaleGrid_WithTheHaloInsideTheImage(int height, int width, int scale, int haloHr, int tileSize)
    {
        TileGrid grid = TileGrid.Plan(height, width, scale, haloHr, 4, new TilingOptions { TileSize = tileSize });

        int halo = (haloHr + scale - 1) / scale * scale;
        int core = tileSize / scale * scale;
        Assert.Equal(halo, grid.Halo);
        var covered = new int[height, width];
        foreach (Tile t in grid.Tiles)
        {
            Assert.Equal(0, t.Top % scale);
            Assert.Equal(0, t.Left % scale);
            Assert.Equal(0, t.Height % scale);
            Assert.Equal(0, t.Width % scale);
            Assert.InRange(t.Height, scale, core);
            Assert.InRange(t.Width, scale, core);
            Assert.Equal(Math.Max(0, t.Top - halo), t.PaddedTop);
            Assert.Equal(Math.Max(0, t.Left - halo), t.PaddedLeft);
            Assert.Equal(Math.Min(height, t.Top + t.Height + halo), t.PaddedTop + t.PaddedHeight);
            Assert.Equal(Math.Min(width, t.Left + t.Width + halo), t.PaddedLeft + t.PaddedWidth);
            for (int y = t.Top; y < t.Top + t.Height; y++)
            {
                for (int x = t.Left; x < t.Left + t.Width; x++)
                {
                    covered[y, x]++;
                }
            }
        }

        Assert.All(covered.Cast<int>(), count => Assert.Equal(1, count));
    }

    [Fact]
    public void Tiles_AreNearEqual_NotAFullTileAndASliver()
    {
        // 100 rows at scale 2 with 48-row tiles: three tiles of 32-34 rows, not 48 + 48 + 4.
        TileGrid grid = TileGrid.Plan(100, 10, 2, 0, 4, new TilingOptions { TileSize = 48 });

        Assert.Equal([32, 34, 34], grid.Tiles.Select(t => t.Height));
    }

    [Fact]
    public void AStrip_GetsWideTiles_WithinTheAreaLimit()
    {
        // 40 rows fit in one tile; the area left over widens it far beyond the square side (sqrt(40,000) = 200).
        TileGrid grid = TileGrid.Plan(40, 4000, 2, 4, 4, new TilingOptions { MaxTileMegapixels = 0.04 });

        Assert.All(grid.Tiles, t => Assert.Equal(40, t.Height));
        Assert.All(grid.Tiles, t => Assert.InRange(t.PaddedPixels, 1, 40_000));
        Assert.InRange(grid.Tiles.Count, 5, 6);
        Assert.True(grid.MaxPaddedPixels <= 40_000);
    }
}
