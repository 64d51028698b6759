using Downscale.Tests;

namespace Downscale.Cli.Tests;

public class RunOnnxCommandTests
{
    private static string Bird => Path.Combine(AppContext.BaseDirectory, "samples", "Set5", "HR", "bird.png");

    private static string Model => TestPaths.Fixture("onnx", "s2_k5.onnx");

    [Fact]
    public void RunOnnx_CorruptModel_ExitsWithBadInputAndAClearMessage()
    {
        string folder = TestPaths.NewTempFolder();
        File.WriteAllBytes(Path.Combine(folder, "corrupt.onnx"), [.. File.ReadAllBytes(Model).Take(5000)]);

        var result = CliRunner.Run(folder, "run", Bird, "--onnx", "corrupt.onnx", "--out", "lr");

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("corrupt.onnx", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal); // no stack trace
    }

    [Theory]
    [InlineData("--method", "area")]
    [InlineData("--model", "x.safetensors")]
    [InlineData("--scale", "3")] // the model's scale is 2
    public void RunOnnx_InconsistentOptions_ExitWithUsageCode(params string[] options)
    {
        var result = CliRunner.Run(TestPaths.NewTempFolder(), ["run", Bird, "--onnx", Model, .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }
}
