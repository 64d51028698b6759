using System.Runtime.ExceptionServices;
using Downscale.Core.Imaging;

namespace Downscale.Core.Tiling;

/// <summary>One tiled run: workers take tiles in order, each filling its own reused input buffer and writing its tiles' valid LR pixels into the destination.</summary>
internal sealed class TileJob(PlanarImage hr, PlanarImage? extras, ITileDownscaler model, TileGrid grid, int outputHeight, int outputWidth)
{
    private readonly int inputChannels = hr.Channels + (extras?.Channels ?? 0);
    private readonly int scale = model.Scale;
    private int nextTile;
    private volatile bool failed;

    /// <summary>Runs every tile; allocates the destination from the first tile's channel count when none is given.</summary>
    public PlanarImage Run(PlanarImage? destination, int degreeOfParallelism)
    {
        int workers = Math.Min(degreeOfParallelism, grid.Tiles.Count);
        float[]?[] buffers = new float[workers][];
        if (destination is null)
        {
            // The model decides the output channels: the first tile runs alone and tells.
            PlanarImage first = RunTile(grid.Tiles[0], ref buffers[0], expectedChannels: null);
            destination = new PlanarImage(first.Channels, outputHeight, outputWidth);
            Store(first, grid.Tiles[0], destination);
            nextTile = 1;
        }

        if (workers == 1)
        {
            Work(destination, ref buffers[0]);
            return destination;
        }

        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w => Work(destination, ref buffers[w]));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return destination;
    }

    /// <summary>Throws when <paramref name="output"/> is not the LR image of <paramref name="input"/>.</summary>
    public static void CheckOutput(ITileDownscaler model, PlanarImage input, PlanarImage? output, int? expectedChannels)
    {
        int s = model.Scale;
        if (output is null
            || output.Height != input.Height / s
            || output.Width != input.Width / s
            || (expectedChannels is int channels && output.Channels != channels))
        {
            string channelsText = expectedChannels?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "C";
            throw new InvalidOperationException(
                $"{model.GetType().Name} returned {output?.ToString() ?? "null"} for a {input} tile at scale {s}; " +
                $"expected {channelsText}x{input.Height / s}x{input.Width / s}.");
        }
    }

    private void Work(PlanarImage destination, ref float[]? buffer)
    {
        try
        {
            int index;
            while (!failed && (index = Interlocked.Increment(ref nextTile) - 1) < grid.Tiles.Count)
            {
                Tile tile = grid.Tiles[index];
                Store(RunTile(tile, ref buffer, destination.Channels), tile, destination);
            }
        }
        catch
        {
            failed = true; // the other workers stop at their next tile
            throw;
        }
    }

    private PlanarImage RunTile(Tile tile, ref float[]? buffer, int? expectedChannels)
    {
        // One buffer per worker, sized for the largest tile, reused for every tile it runs.
        buffer ??= new float[checked((int)(grid.MaxPaddedPixels * inputChannels))];
        int length = inputChannels * tile.PaddedHeight * tile.PaddedWidth;
        var input = PlanarImage.Wrap(buffer.AsMemory(0, length), inputChannels, tile.PaddedHeight, tile.PaddedWidth);
        TileCopy.ReadAligned(hr, input, firstChannel: 0, tile.PaddedTop, tile.PaddedLeft);
        if (extras != null)
        {
            TileCopy.ReadAligned(extras, input, hr.Channels, tile.PaddedTop, tile.PaddedLeft);
        }

        PlanarImage output = model.Run(input);
        CheckOutput(model, input, output, expectedChannels);
        return output;
    }

    private void Store(PlanarImage output, Tile tile, PlanarImage destination) =>
        TileCopy.WriteBlock(
            output, (tile.Top - tile.PaddedTop) / scale, (tile.Left - tile.PaddedLeft) / scale,
            destination, tile.Top / scale, tile.Left / scale, tile.Height / scale, tile.Width / scale);
}
