using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Downscale.MLNet.Notebooks.Tests;

/// <summary>One code cell of a notebook: its index among all cells and its source.</summary>
internal sealed record CodeCell(int Index, string Source);

/// <summary>An output of a cell, as Jupyter stores it (a stream of text, or display data of one MIME type).</summary>
internal sealed record CellOutput(string Kind, string MimeType, string Content);

/// <summary>
/// A Polyglot (.NET Interactive) notebook file: reads its C# code cells and writes outputs back in nbformat 4, keeping
/// everything else (markdown cells, metadata) as it was.
/// </summary>
internal sealed class NotebookDocument
{
    private readonly JsonObject root;

    private NotebookDocument(string path, JsonObject root)
    {
        Path = path;
        this.root = root;
    }

    /// <summary>The .ipynb file.</summary>
    public string Path { get; }

    private JsonArray Cells => root["cells"]!.AsArray();

    /// <summary>Parses a notebook.</summary>
    public static NotebookDocument Load(string path) =>
        new(path, JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"'{path}' is not a notebook."));

    /// <summary>The C# code cells, in order (cells of other languages are left alone).</summary>
    public IReadOnlyList<CodeCell> CodeCells()
    {
        var cells = new List<CodeCell>();
        for (int i = 0; i < Cells.Count; i++)
        {
            JsonObject cell = Cells[i]!.AsObject();
            string language = cell["metadata"]?["dotnet_interactive"]?["language"]?.GetValue<string>() ?? "csharp";
            if (cell["cell_type"]?.GetValue<string>() == "code" && language == "csharp")
            {
                cells.Add(new CodeCell(i, Text(cell["source"])));
            }
        }

        return cells;
    }

    /// <summary>Replaces the outputs of the code cells (execution counts 1, 2, ... in order); cells not in <paramref name="outputs"/> get none.</summary>
    public void SetOutputs(IReadOnlyDictionary<int, IReadOnlyList<CellOutput>> outputs)
    {
        int count = 0;
        foreach (CodeCell code in CodeCells())
        {
            JsonObject cell = Cells[code.Index]!.AsObject();
            bool ran = outputs.TryGetValue(code.Index, out IReadOnlyList<CellOutput>? cellOutputs);
            cell["execution_count"] = ran ? ++count : null;
            var array = new JsonArray();
            foreach (CellOutput output in cellOutputs ?? [])
            {
                array.Add(output.Kind == "stream"
                    ? new JsonObject { ["name"] = "stdout", ["output_type"] = "stream", ["text"] = Lines(output.Content) }
                    : new JsonObject
                    {
                        ["data"] = new JsonObject { [output.MimeType] = output.MimeType.StartsWith("image/", StringComparison.Ordinal) ? output.Content : Lines(output.Content) },
                        ["metadata"] = new JsonObject(),
                        ["output_type"] = "display_data",
                    });
            }

            cell["outputs"] = array;
        }
    }

    /// <summary>Writes the notebook (Jupyter's layout: one-space indent, trailing newline).</summary>
    public void Save()
    {
        string json = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 1, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        File.WriteAllText(Path, json + "\n", new UTF8Encoding(false));
    }

    private static string Text(JsonNode? source) => source switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => string.Empty,
    };

    private static JsonArray Lines(string text)
    {
        var array = new JsonArray();
        string[] parts = text.Split('\n');
        for (int i = 0; i < parts.Length; i++)
        {
            if (i < parts.Length - 1)
            {
                array.Add(parts[i] + "\n");
            }
            else if (parts[i].Length > 0)
            {
                array.Add(parts[i]);
            }
        }

        return array;
    }
}
