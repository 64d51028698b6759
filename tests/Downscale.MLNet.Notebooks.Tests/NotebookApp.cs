using System.Text;
using System.Text.RegularExpressions;

namespace Downscale.MLNet.Notebooks.Tests;

/// <summary>
/// Turns a notebook's C# cells into one .NET 10 file-based app (<c>dotnet run app.cs</c>): the notebook's references
/// become directives (<c>#r ".../src/P/bin/.../P.dll"</c> to <c>#:project src/P/P.csproj</c>, <c>#r "nuget: N, V"</c>
/// to <c>#:package N</c>, versioned by Directory.Packages.props), using directives move to the top, cells run in order
/// as top-level statements, and a small kernel stand-in provides Polyglot's <c>display</c> and <c>HTML</c>, writing each
/// cell's outputs to stdout between markers.
/// </summary>
/// <remarks>
/// A cell whose first line is <c>// hoist</c> holds type declarations; it is moved after the statements, where C#
/// wants them (Polyglot accepts them anywhere).
/// </remarks>
internal static partial class NotebookApp
{
    /// <summary>Starts every marker line on stdout.</summary>
    public const char Marker = '\u001e';

    /// <summary>The app's source for the given cells.</summary>
    public static string Generate(IReadOnlyList<CodeCell> cells, string repoRoot)
    {
        var directives = new List<string>
        {
            "#:property PublishAot=false", // ML.NET emits code at run time
            "#:property TreatWarningsAsErrors=false",
            "#:property EnableNETAnalyzers=false",
            "#:property GenerateDocumentationFile=false",
            "#:property Nullable=disable",
        };
        var usings = new List<string> { "using static NotebookKernel;" };
        var statements = new StringBuilder();
        var declarations = new StringBuilder();
        foreach (CodeCell cell in cells)
        {
            var body = new StringBuilder();
            foreach (string line in cell.Source.Split('\n'))
            {
                string? directive = Directive(line.Trim(), repoRoot);
                if (directive is not null)
                {
                    directives.Add(directive);
                }
                else if (UsingDirective().IsMatch(line))
                {
                    usings.Add(line.Trim()); // C# wants using directives before the first statement
                }
                else if (!line.TrimStart().StartsWith("#!", StringComparison.Ordinal))
                {
                    body.AppendLine(line.TrimEnd('\r'));
                }
            }

            if (cell.Source.TrimStart().StartsWith("// hoist", StringComparison.Ordinal))
            {
                declarations.Append(body);
                statements.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"NotebookKernel.Cell({cell.Index});");
                continue;
            }

            statements.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"NotebookKernel.Cell({cell.Index});");
            statements.Append(body);
        }

        if (directives.Any(d => d.Contains("Downscale.Plotting", StringComparison.Ordinal)))
        {
            directives.Add("#:property SkiaSharpVersion=$(SkiaSharp3Version)"); // ScottPlot's SkiaSharp (docs/architecture.md)
        }

        var app = new StringBuilder();
        foreach (string directive in directives.Distinct())
        {
            app.AppendLine(directive);
        }

        foreach (string directive in usings.Distinct())
        {
            app.AppendLine(directive);
        }

        app.Append(statements);
        app.AppendLine("NotebookKernel.Cell(-1);");
        app.Append(declarations);
        app.Append(Kernel);
        return app.ToString();
    }

    private static string? Directive(string line, string repoRoot)
    {
        Match nuget = NugetReference().Match(line);
        if (nuget.Success)
        {
            // The app sits in the repository, under central package management: Directory.Packages.props gives the version.
            return $"#:package {nuget.Groups["name"].Value}";
        }

        Match project = ProjectReference().Match(line);
        return project.Success
            ? $"#:project {Path.Combine(repoRoot, "src", project.Groups["project"].Value, project.Groups["project"].Value + ".csproj")}"
            : null;
    }

    [GeneratedRegex(@"^\s*using\s+(static\s+)?[\w.]+(\s*=\s*[\w.<>, ]+)?;\s*$")]
    private static partial Regex UsingDirective();

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<name>[^,"\s]+)\s*,\s*(?<version>[^"\s]+)\s*"$""")]
    private static partial Regex NugetReference();

    [GeneratedRegex("""^#r\s+"[^"]*src/(?<project>[^/"]+)/bin/[^"]*\.dll"$""")]
    private static partial Regex ProjectReference();

    private const string Kernel = """

        /// <summary>Stand-in for the Polyglot kernel's display helpers: writes outputs between markers for the notebook runner.</summary>
        static class NotebookKernel
        {
            private const char Marker = '\u001e';

            /// <summary>HTML content, as Polyglot's HTML(...) returns.</summary>
            public sealed record HtmlContent(string Html)
            {
                public override string ToString() => Html;
            }

            public static HtmlContent HTML(string html) => new(html);

            public static void display(object value)
            {
                Console.Out.Flush();
                string html = value is HtmlContent h ? h.Html : null;
                const string png = "<img src=\"data:image/png;base64,";
                if (html is not null && html.StartsWith(png, StringComparison.Ordinal))
                {
                    string data = html[png.Length..html.IndexOf('"', png.Length)];
                    Console.WriteLine($"{Marker}display image/png {data}");
                }
                else if (html is not null)
                {
                    Console.WriteLine($"{Marker}display text/html {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(html))}");
                }
                else
                {
                    Console.WriteLine($"{Marker}display text/plain {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value?.ToString() ?? "null"))}");
                }
            }

            public static void Cell(int index)
            {
                Console.Out.Flush();
                Console.WriteLine($"{Marker}cell {index}");
            }
        }

        """;
}
