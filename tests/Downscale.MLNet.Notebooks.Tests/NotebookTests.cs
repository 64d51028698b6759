using Downscale.Tests;
using Xunit.Abstractions;

namespace Downscale.MLNet.Notebooks.Tests;

/// <summary>
/// Every notebook runs, as a file-based app made from its C# cells; a failing notebook fails the suite, and the outputs
/// of a successful run are written back into the .ipynb (text, tables, PNG images) so the committed notebooks show them.
/// </summary>
[Collection(FileBasedApp.Collection)]
public sealed class NotebookTests(ITestOutputHelper log)
{
    private static string[] Files() =>
        [.. Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "notebooks"), "*.ipynb").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Notebooks() => new(Files());

    [Fact]
    public void TheFourNotebooksExist()
    {
        Assert.Equal(["01-quickstart.ipynb", "02-train-adknet.ipynb", "03-pipeline-deployment.ipynb", "04-raw-downscaling.ipynb"], Files());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_Runs_AndItsOutputsAreWrittenBack(string file)
    {
        string path = Path.Combine(TestPaths.RepoRoot, "notebooks", file);
        NotebookDocument notebook = NotebookDocument.Load(path);
        IReadOnlyList<CodeCell> cells = notebook.CodeCells();
        string source = NotebookApp.Generate(cells, TestPaths.RepoRoot);

        AppResult result = FileBasedApp.Run(TestPaths.RepoRoot, Path.GetFileNameWithoutExtension(file), source, Path.GetDirectoryName(path)!, TimeSpan.FromMinutes(8));
        (var outputs, int lastStarted, bool finished) = NotebookOutputs.Parse(result.Output);

        log.WriteLine(result.Errors);
        Assert.True(
            result.ExitCode == 0 && finished,
            $"{file} failed in cell {lastStarted} (exit code {result.ExitCode}):\n{result.Errors}\n{Tail(result.Output)}");
        Assert.Equal(cells.Select(c => c.Index), outputs.Keys.Order());
        notebook.SetOutputs(outputs);
        notebook.Save();
    }

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;
}
