using System.Diagnostics;
using Downscale.Tests;
using Downscale.Torch.Native;

namespace Downscale.Torch.Tests.Native;

/// <summary>
/// The build step of buildTransitive/Downscale.Torch.targets, driven by real <c>dotnet build</c> runs of a small
/// application that references Downscale.Torch the way a package consumer does. The application lives in a temporary
/// folder, so this test never rebuilds the output it runs from. Slow (several builds); no timing is asserted.
/// </summary>
public class ShimBuildStepTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public void IncrementalBuilds_KeepTheShimPatched_RemoveAStaleFallbackFolder_AndTorchLoads()
    {
        string root = TestPaths.NewTempFolder();
        try
        {
            WriteProbeProject(root);
            string output = Path.Combine(root, "out");
            string shim = Path.Combine(output, TorchNative.ShimFileName);
            byte expectedFlags = SystemLibStdCxx.Provides(ElfSymbolVersionPatcher.TargetVersion) ? (byte)0 : (byte)2;

            Dotnet(root, "build");
            Assert.Equal(expectedFlags, FlagsOf(shim));

            // The copy step writes the shim again (hard-linked to the cache) and an earlier failed run left cpu/ behind.
            File.Delete(shim);
            string fallback = Directory.CreateDirectory(Path.Combine(output, "cpu")).FullName;
            File.Copy(TorchSharpShim.CachedOriginal, Path.Combine(fallback, TorchNative.ShimFileName));
            File.Copy(Path.Combine(output, "libc10.so"), Path.Combine(fallback, "libc10.so"));
            Dotnet(root, "build", "--no-restore");
            Assert.Equal(expectedFlags, FlagsOf(shim));
            Assert.False(Directory.Exists(fallback));

            // A no-op incremental build: the copy step skips the (same size, same time) shim and the target does nothing.
            Dotnet(root, "build", "--no-restore");
            Assert.Equal(expectedFlags, FlagsOf(shim));

            Assert.Contains("sum=6", Dotnet(root, Path.Combine(output, "Probe.dll")), StringComparison.Ordinal);
            Assert.False(Directory.Exists(fallback), "TorchSharp fell back to copying libtorch into cpu/.");
            Assert.Equal(0, FlagsOf(TorchSharpShim.CachedOriginal)); // the hard link into the cache was never written through
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static byte FlagsOf(string path) => File.ReadAllBytes(path)[TorchSharpShim.FlagsOffset];

    private static void WriteProbeProject(string root)
    {
        string torchProject = Path.Combine(TestPaths.RepoRoot, "src", "Downscale.Torch", "Downscale.Torch.csproj");
        string targets = Path.Combine(TestPaths.RepoRoot, "src", "Downscale.Torch", "buildTransitive", "Downscale.Torch.targets");
        File.WriteAllText(Path.Combine(root, "Probe.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
                <SelfContained>false</SelfContained>
                <OutDir>$(MSBuildProjectDirectory)/out/</OutDir>
                <!-- Hard links into the package cache: cheap, and the patch must never write through them. -->
                <CreateHardLinksForCopyLocalIfPossible>true</CreateHardLinksForCopyLocalIfPossible>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{torchProject}" />
              </ItemGroup>
              <!-- What NuGet imports from the package's buildTransitive folder. -->
              <Import Project="{targets}" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, "Program.cs"), """
            Downscale.Torch.Native.TorchNative.EnsureLoaded();
            using var ones = TorchSharp.torch.ones(2, 3);
            System.Console.WriteLine("sum=" + ones.sum().item<float>());
            """);
    }

    private static string Dotnet(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (arguments[0] == "build")
        {
            info.ArgumentList.Add("--disable-build-servers"); // no MSBuild nodes or compiler server left running
            info.ArgumentList.Add("-nologo");
        }

        // The test host inherits the SDK's MSBuild variables from `dotnet test`; a child build must find its own.
        foreach (string name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(BuildTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} ran past {BuildTimeout}.");
        }

        string log = stdout.Result + stderr.Result;
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{log}");
        return log;
    }
}
