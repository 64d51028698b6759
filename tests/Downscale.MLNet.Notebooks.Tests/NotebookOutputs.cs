using System.Text;

namespace Downscale.MLNet.Notebooks.Tests;

/// <summary>Splits a notebook app's stdout into each cell's outputs (text streams and display data), by the kernel's markers.</summary>
internal static class NotebookOutputs
{
    /// <summary>The outputs of every cell that started, by cell index; and the index of the last cell that started.</summary>
    public static (Dictionary<int, IReadOnlyList<CellOutput>> Outputs, int LastStarted, bool Finished) Parse(string stdout)
    {
        var outputs = new Dictionary<int, IReadOnlyList<CellOutput>>();
        List<CellOutput>? current = null;
        var text = new StringBuilder();
        int last = -1;
        bool finished = false;

        void FlushText()
        {
            if (current is not null && text.Length > 0)
            {
                current.Add(new CellOutput("stream", "text/plain", text.ToString()));
            }

            text.Clear();
        }

        foreach (string line in stdout.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith($"{NotebookApp.Marker}cell ", StringComparison.Ordinal))
            {
                FlushText();
                int index = int.Parse(line[6..], System.Globalization.CultureInfo.InvariantCulture);
                if (index < 0)
                {
                    finished = true;
                    current = null;
                    continue;
                }

                last = index;
                current = [];
                outputs[index] = current;
            }
            else if (line.StartsWith($"{NotebookApp.Marker}display ", StringComparison.Ordinal))
            {
                FlushText();
                string[] parts = line.Split(' ', 3);
                string mime = parts[1];
                string content = mime.StartsWith("image/", StringComparison.Ordinal) ? parts[2] : Encoding.UTF8.GetString(Convert.FromBase64String(parts[2]));
                current?.Add(new CellOutput("display", mime, content));
            }
            else if (current is not null)
            {
                text.Append(line).Append('\n');
            }
        }

        FlushText();
        foreach ((int index, IReadOnlyList<CellOutput> cell) in outputs)
        {
            // Drop the trailing newline of the last stream of each cell, as Jupyter does not show an empty last line.
            if (cell is List<CellOutput> list && list.Count > 0 && list[^1] is { Kind: "stream" } stream)
            {
                list[^1] = stream with { Content = stream.Content.TrimEnd('\n') + "\n" };
            }
        }

        return (outputs, last, finished);
    }
}
