// This one file is compiled twice on purpose: into Downscale.Torch.dll (DOWNSCALE_TORCH_ASSEMBLY defined), and by
// MSBuild's RoslynCodeTaskFactory for the build step in buildTransitive/Downscale.Torch.targets. That factory compiles a
// single file against netstandard2.0 reference assemblies, so the code keeps to byte[] and manual little-endian reads
// (no Span, no BinaryPrimitives) and every type the task needs lives here.
#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Downscale.Torch.Native;

/// <summary>What <see cref="ElfSymbolVersionPatcher.Patch"/> did.</summary>
public enum SymbolVersionPatchResult
{
    /// <summary>Nothing to do: the system's libstdc++ provides the version, or the library does not ask for it.</summary>
    NotNeeded,

    /// <summary>The version requirement was marked weak; the file was replaced atomically.</summary>
    Patched,

    /// <summary>The requirement was already weak; the file was not written.</summary>
    AlreadyPatched,
}

/// <summary>The library is not exactly the shape the patch is proven safe for; the file was left untouched.</summary>
public sealed class ElfPatchRefusedException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ElfPatchRefusedException() : base("The ELF file was refused.") { }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ElfPatchRefusedException(string message) : base(message) { }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public ElfPatchRefusedException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// Marks TorchSharp's <c>GLIBCXX_3.4.32</c> requirement weak (<c>VER_FLG_WEAK</c> in its <c>Elf64_Vernaux</c>), so that
/// <c>libLibTorchSharp.so</c>, built with GCC 13, loads against an older libstdc++ (Debian 12, Ubuntu 22.04, RHEL 9).
/// </summary>
/// <remarks>
/// The patch is safe only because that version binds exactly one symbol, <c>_ZSt21ios_base_library_initv</c>: a marker
/// that GCC 13's &lt;iostream&gt; references and nothing calls. The patcher proves that (one symbol, that name,
/// undefined, no relocation refers to it) before it flips the one bit, and refuses anything else. It writes a temporary
/// copy beside the file and renames it over the original (so a hard link into the NuGet cache is never written through),
/// keeping the original's mode and last-write time (so MSBuild's incremental copy keeps seeing an unchanged file).
/// </remarks>
public sealed class ElfSymbolVersionPatcher
{
    /// <summary>The symbol version that GCC 13's libstdc++ introduced.</summary>
    public const string TargetVersion = "GLIBCXX_3.4.32";

    /// <summary>The only symbol the patch accepts being bound to <see cref="TargetVersion"/>.</summary>
    public const string MarkerSymbol = "_ZSt21ios_base_library_initv";

    private const ushort VerFlagWeak = 0x2;
    private readonly Func<string, bool> systemProvides;

    /// <summary>Creates a patcher that asks <paramref name="systemProvidesVersion"/> whether the libstdc++ the loader will pick defines a version.</summary>
    public ElfSymbolVersionPatcher(Func<string, bool> systemProvidesVersion)
    {
        systemProvides = systemProvidesVersion ?? throw new ArgumentNullException(nameof(systemProvidesVersion));
    }

    /// <summary>A patcher that inspects this machine's libstdc++.so.6 (see <see cref="SystemLibStdCxx"/>).</summary>
    public static ElfSymbolVersionPatcher ForThisSystem() => new ElfSymbolVersionPatcher(SystemLibStdCxx.Provides);

    /// <summary>Patches <paramref name="path"/> when this system needs it.</summary>
    /// <exception cref="ElfPatchRefusedException">The file is not an ELF64 little-endian shared library of the expected shape.</exception>
    public SymbolVersionPatchResult Patch(string path)
    {
        if (systemProvides(TargetVersion))
        {
            return SymbolVersionPatchResult.NotNeeded;
        }

        byte[] data = File.ReadAllBytes(path);
        long flagsOffset = FindProvenFlagsOffset(ElfImage.Parse(data, path));
        if (flagsOffset < 0)
        {
            return SymbolVersionPatchResult.NotNeeded;
        }

        ushort flags = ElfImage.ReadU16(data, flagsOffset);
        if ((flags & VerFlagWeak) != 0)
        {
            return SymbolVersionPatchResult.AlreadyPatched;
        }

        ushort patched = (ushort)(flags | VerFlagWeak);
        ReplaceAtomically(path, flagsOffset, new[] { (byte)patched, (byte)(patched >> 8) });
        return SymbolVersionPatchResult.Patched;
    }

    /// <summary>The file offset of the vna_flags to patch, or -1 when the library does not require the version.</summary>
    private static long FindProvenFlagsOffset(ElfImage elf)
    {
        var matches = elf.VersionNeeds().FindAll(need => need.Version == TargetVersion);
        if (matches.Count == 0)
        {
            return -1;
        }

        string where = $"'{elf.Path}'";
        if (matches.Count > 1)
        {
            throw new ElfPatchRefusedException($"{where} requires {TargetVersion} in {matches.Count} version-need entries; only one is expected. Not patched.");
        }

        ElfImage.VersionNeed need = matches[0];
        if (!need.File.StartsWith("libstdc++.so", StringComparison.Ordinal))
        {
            throw new ElfPatchRefusedException($"{where} requires {TargetVersion} from '{need.File}', not from libstdc++. Not patched.");
        }

        List<int> bound = elf.SymbolsWithVersionIndex(need.Index);
        if (bound.Count != 1)
        {
            throw new ElfPatchRefusedException(
                $"{where} binds {bound.Count} dynamic symbols to {TargetVersion}; the patch is proven safe only for the single marker {MarkerSymbol}. Not patched.");
        }

        ElfImage.Symbol symbol = elf.DynamicSymbol(bound[0]);
        if (symbol.Name != MarkerSymbol || symbol.SectionIndex != 0)
        {
            throw new ElfPatchRefusedException(
                $"{where} binds '{symbol.Name}' (section index {symbol.SectionIndex}) to {TargetVersion}; only the undefined marker {MarkerSymbol} is safe to leave unresolved. Not patched.");
        }

        string? relocation = elf.FindRelocationOf(bound[0]);
        if (relocation != null)
        {
            throw new ElfPatchRefusedException(
                $"{where}: {relocation} refers to {MarkerSymbol}, so the loader would have to resolve it; marking {TargetVersion} weak is unsafe. Not patched.");
        }

        return need.FlagsOffset;
    }

    private static void ReplaceAtomically(string path, long offset, byte[] bytes)
    {
        string full = System.IO.Path.GetFullPath(path);
        string temp = System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(full) ?? ".",
            "." + System.IO.Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        DateTime lastWrite = File.GetLastWriteTimeUtc(full);
        try
        {
            File.Copy(full, temp); // a fresh inode that keeps the original's permission bits
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.Write, FileShare.None))
            {
                stream.Position = offset;
                stream.Write(bytes, 0, bytes.Length);
            }

            File.SetLastWriteTimeUtc(temp, lastWrite);
            File.Replace(temp, full, null); // rename(2): atomic, and never writes through a hard link
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}

/// <summary>Finds the libstdc++.so.6 the dynamic loader would pick and reads the symbol versions it defines.</summary>
public static class SystemLibStdCxx
{
    private static readonly string[] DefaultDirectories =
    {
        "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/usr/lib",
    };

    private static readonly char[] PathSeparators = { ':', ';' };
    private static readonly object Gate = new object();
    private static HashSet<string>? versions;

    /// <summary>Whether the system's libstdc++ defines <paramref name="version"/>; false when no libstdc++ is found or readable (patching is then the safe side).</summary>
    public static bool Provides(string version)
    {
        lock (Gate)
        {
            if (versions == null)
            {
                string? path = Locate(Environment.GetEnvironmentVariable("LD_LIBRARY_PATH"));
                versions = path == null ? new HashSet<string>(StringComparer.Ordinal) : TryReadDefinedVersions(path);
            }

            return versions.Contains(version);
        }
    }

    /// <summary>The first libstdc++.so.6 in the <c>LD_LIBRARY_PATH</c> folders, then the default library folders; null when none exists.</summary>
    public static string? Locate(string? ldLibraryPath)
    {
        var folders = new List<string>();
        if (!string.IsNullOrEmpty(ldLibraryPath))
        {
            foreach (string folder in ldLibraryPath!.Split(PathSeparators, StringSplitOptions.RemoveEmptyEntries))
            {
                folders.Add(folder);
            }
        }

        folders.AddRange(DefaultDirectories);
        foreach (string folder in folders)
        {
            string candidate = System.IO.Path.Combine(folder, "libstdc++.so.6");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The version names (such as GLIBCXX_3.4.30) that the library at <paramref name="path"/> defines.</summary>
    /// <exception cref="ElfPatchRefusedException">The file is not a readable ELF64 little-endian shared library.</exception>
    public static HashSet<string> ReadDefinedVersions(string path) =>
        new HashSet<string>(ElfImage.Parse(File.ReadAllBytes(path), path).VersionDefinitions(), StringComparer.Ordinal);

    private static HashSet<string> TryReadDefinedVersions(string path)
    {
        try
        {
            return ReadDefinedVersions(path);
        }
        catch (Exception e) when (e is ElfPatchRefusedException or IOException or UnauthorizedAccessException)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }
    }
}

/// <summary>
/// A bounds-checked, read-only view of the parts of an ELF64 little-endian shared library that symbol versioning uses:
/// section headers, .dynsym/.dynstr, .gnu.version, .gnu.version_r, .gnu.version_d, .dynamic and the relocation tables.
/// </summary>
internal sealed class ElfImage
{
    private const uint ShtDynamic = 6, ShtNoBits = 8, ShtRela = 4, ShtRel = 9, ShtDynSym = 11;
    private const uint ShtGnuVerDef = 0x6ffffffd, ShtGnuVerNeed = 0x6ffffffe, ShtGnuVerSym = 0x6fffffff;
    private const long DtVerSym = 0x6ffffff0, DtVerNeed = 0x6ffffffe;

    private readonly byte[] data;
    private readonly Section[] sections;

    private ElfImage(byte[] data, string path, Section[] sections)
    {
        this.data = data;
        Path = path;
        this.sections = sections;
    }

    /// <summary>The file the bytes came from, for messages.</summary>
    public string Path { get; }

    /// <summary>One Elf64_Vernaux entry with the file it is needed from.</summary>
    public sealed class VersionNeed
    {
        public string File = string.Empty, Version = string.Empty;
        public ushort Index; // vna_other: the value .gnu.version entries use for this version
        public long FlagsOffset; // the file offset of vna_flags
    }

    /// <summary>One Elf64_Sym of .dynsym.</summary>
    public sealed class Symbol
    {
        public string Name = string.Empty;
        public ushort SectionIndex; // st_shndx: 0 for an undefined (imported) symbol
    }

    private sealed class Section
    {
        public string Name = string.Empty;
        public uint Type, Link, Info;
        public long Address, Offset, Size, EntrySize;
    }

    /// <summary>Validates the header and section table.</summary>
    /// <exception cref="ElfPatchRefusedException">Not ELF, not 64-bit little-endian, not a shared library, or truncated.</exception>
    public static ElfImage Parse(byte[] data, string path)
    {
        if (data.Length < 64 || data[0] != 0x7f || data[1] != (byte)'E' || data[2] != (byte)'L' || data[3] != (byte)'F')
        {
            throw new ElfPatchRefusedException($"'{path}' is not an ELF file.");
        }

        if (data[4] != 2 || data[5] != 1)
        {
            string bits = data[4] == 1 ? "32-bit" : data[4] == 2 ? "64-bit" : "unknown-class";
            string order = data[5] == 1 ? "little-endian" : data[5] == 2 ? "big-endian" : "unknown-byte-order";
            throw new ElfPatchRefusedException($"'{path}' is a {bits} {order} ELF file; only 64-bit little-endian is supported.");
        }

        if (ReadU16(data, 16) != 3)
        {
            throw new ElfPatchRefusedException($"'{path}' is not an ELF shared library (e_type {ReadU16(data, 16)}).");
        }

        long tableOffset = (long)ReadU64(data, 0x28);
        int entrySize = ReadU16(data, 0x3A), count = ReadU16(data, 0x3C), namesIndex = ReadU16(data, 0x3E);
        if (count == 0 || entrySize != 64 || namesIndex >= count)
        {
            throw new ElfPatchRefusedException($"'{path}' has no usable section header table (count {count}, entry size {entrySize}).");
        }

        var sections = new Section[count];
        for (int i = 0; i < count; i++)
        {
            long at = CheckedRange(data, path, tableOffset + (64L * i), 64, "section header");
            var section = new Section
            {
                Type = ReadU32(data, at + 4),
                Address = (long)ReadU64(data, at + 16),
                Offset = (long)ReadU64(data, at + 24),
                Size = (long)ReadU64(data, at + 32),
                Link = ReadU32(data, at + 40),
                Info = ReadU32(data, at + 44),
                EntrySize = (long)ReadU64(data, at + 56),
            };
            if (section.Type != ShtNoBits && section.Type != 0)
            {
                CheckedRange(data, path, section.Offset, section.Size, $"section {i}");
            }

            sections[i] = section;
        }

        var image = new ElfImage(data, path, sections);
        for (int i = 0; i < count; i++)
        {
            sections[i].Name = image.String(sections[namesIndex], ReadU32(data, tableOffset + (64L * i)));
        }

        return image;
    }

    /// <summary>Every Elf64_Vernaux of .gnu.version_r, checked against the dynamic section the loader reads.</summary>
    public List<VersionNeed> VersionNeeds()
    {
        var result = new List<VersionNeed>();
        Section? needs = Find(ShtGnuVerNeed);
        if (needs == null)
        {
            return result;
        }

        CheckDynamicEntry(DtVerNeed, needs);
        Section names = Linked(needs);
        long entry = needs.Offset;
        for (uint i = 0; i < needs.Info; i++)
        {
            Within(needs, entry, 16);
            if (ReadU16(data, entry) != 1)
            {
                throw Refuse($"has an unknown Elf64_Verneed version {ReadU16(data, entry)}");
            }

            string file = String(names, ReadU32(data, entry + 4));
            long aux = entry + ReadU32(data, entry + 8);
            for (int j = 0, auxCount = ReadU16(data, entry + 2); j < auxCount; j++)
            {
                Within(needs, aux, 16);
                result.Add(new VersionNeed { File = file, Version = String(names, ReadU32(data, aux + 8)), Index = ReadU16(data, aux + 6), FlagsOffset = aux + 4 });
                aux += ReadU32(data, aux + 12);
            }

            uint next = ReadU32(data, entry + 12);
            if (next == 0)
            {
                break;
            }

            entry += next;
        }

        return result;
    }

    /// <summary>The names of the versions that .gnu.version_d defines (the base entry, the soname, left out).</summary>
    public List<string> VersionDefinitions()
    {
        var result = new List<string>();
        Section? definitions = Find(ShtGnuVerDef);
        if (definitions == null)
        {
            return result;
        }

        Section names = Linked(definitions);
        long entry = definitions.Offset;
        for (uint i = 0; i < definitions.Info; i++)
        {
            Within(definitions, entry, 20);
            long aux = entry + ReadU32(data, entry + 12);
            Within(definitions, aux, 8);
            if ((ReadU16(data, entry + 2) & 0x1) == 0)
            {
                result.Add(String(names, ReadU32(data, aux)));
            }

            uint next = ReadU32(data, entry + 16);
            if (next == 0)
            {
                break;
            }

            entry += next;
        }

        return result;
    }

    /// <summary>Indices of the .dynsym entries whose .gnu.version entry (hidden bit cleared) is <paramref name="versionIndex"/>.</summary>
    public List<int> SymbolsWithVersionIndex(ushort versionIndex)
    {
        Section symbols = Require(ShtDynSym, ".dynsym");
        Section versions = Require(ShtGnuVerSym, ".gnu.version");
        CheckDynamicEntry(DtVerSym, versions);
        long count = symbols.Size / 24;
        if (symbols.EntrySize != 24 || versions.Size != count * 2)
        {
            throw Refuse($"has a .gnu.version of {versions.Size} bytes for {count} dynamic symbols");
        }

        var result = new List<int>();
        for (int i = 0; i < count; i++)
        {
            if ((ReadU16(data, versions.Offset + (2L * i)) & 0x7fff) == versionIndex)
            {
                result.Add(i);
            }
        }

        return result;
    }

    /// <summary>The .dynsym entry at <paramref name="index"/>.</summary>
    public Symbol DynamicSymbol(int index)
    {
        Section symbols = Require(ShtDynSym, ".dynsym");
        long at = symbols.Offset + (24L * index);
        Within(symbols, at, 24);
        return new Symbol { Name = String(Linked(symbols), ReadU32(data, at)), SectionIndex = ReadU16(data, at + 6) };
    }

    /// <summary>A description of the first dynamic relocation whose symbol is <paramref name="symbolIndex"/>, or null.</summary>
    public string? FindRelocationOf(int symbolIndex)
    {
        foreach (Section section in sections)
        {
            if ((section.Type != ShtRela && section.Type != ShtRel) || section.Link >= sections.Length
                || sections[section.Link].Type != ShtDynSym)
            {
                continue;
            }

            long size = section.Type == ShtRela ? 24 : 16;
            for (long at = section.Offset; at + size <= section.Offset + section.Size; at += size)
            {
                if ((ReadU64(data, at + 8) >> 32) == (ulong)symbolIndex)
                {
                    return $"the relocation at file offset 0x{at.ToString("x", CultureInfo.InvariantCulture)} in {section.Name}";
                }
            }
        }

        return null;
    }

    /// <summary>Reads a little-endian u16; the caller has checked the range.</summary>
    public static ushort ReadU16(byte[] bytes, long at) => (ushort)(bytes[at] | (bytes[at + 1] << 8));

    private static uint ReadU32(byte[] bytes, long at) =>
        bytes[at] | ((uint)bytes[at + 1] << 8) | ((uint)bytes[at + 2] << 16) | ((uint)bytes[at + 3] << 24);

    private static ulong ReadU64(byte[] bytes, long at) => ReadU32(bytes, at) | ((ulong)ReadU32(bytes, at + 4) << 32);

    private static long CheckedRange(byte[] data, string path, long offset, long size, string what)
    {
        if (offset < 0 || size < 0 || offset > data.Length - size)
        {
            throw new ElfPatchRefusedException($"'{path}' is truncated or corrupt: its {what} lies outside the file's {data.Length} bytes.");
        }

        return offset;
    }

    /// <summary>The loader reads version tables through the dynamic section; refuse when it disagrees with the section headers.</summary>
    private void CheckDynamicEntry(long tag, Section section)
    {
        Section dynamic = Require(ShtDynamic, ".dynamic");
        for (long at = dynamic.Offset; at + 16 <= dynamic.Offset + dynamic.Size; at += 16)
        {
            long entryTag = (long)ReadU64(data, at);
            if (entryTag == 0)
            {
                break;
            }

            if (entryTag == tag && (long)ReadU64(data, at + 8) == section.Address)
            {
                return;
            }
        }

        throw Refuse($"has no dynamic entry 0x{tag.ToString("x", CultureInfo.InvariantCulture)} pointing at {section.Name}");
    }

    private Section? Find(uint type)
    {
        Section? found = null;
        foreach (Section section in sections)
        {
            if (section.Type == type)
            {
                found = found == null ? section : throw Refuse($"has two sections of type 0x{type.ToString("x", CultureInfo.InvariantCulture)}");
            }
        }

        return found;
    }

    private Section Require(uint type, string name) => Find(type) ?? throw Refuse($"has no {name} section");

    private Section Linked(Section section) =>
        section.Link < sections.Length ? sections[section.Link] : throw Refuse($"links {section.Name} to a missing section");

    private void Within(Section section, long at, long size)
    {
        if (at < section.Offset || at + size > section.Offset + section.Size)
        {
            throw Refuse($"has an entry of {section.Name} outside the section");
        }
    }

    private string String(Section table, uint offset)
    {
        long start = table.Offset + offset;
        long end = start;
        while (end < table.Offset + table.Size && data[end] != 0)
        {
            end++;
        }

        if (offset >= table.Size || end == table.Offset + table.Size)
        {
            throw Refuse($"has a string offset {offset} outside its string table");
        }

        return Encoding.UTF8.GetString(data, (int)start, (int)(end - start));
    }

    private ElfPatchRefusedException Refuse(string what) =>
        new ElfPatchRefusedException($"'{Path}' is truncated or corrupt: it {what}.");
}

#if !DOWNSCALE_TORCH_ASSEMBLY
/// <summary>MSBuild task: patches each existing TorchSharp native shim in <see cref="Files"/> when this system needs it.</summary>
public sealed class PatchTorchSharpNativeShim : Microsoft.Build.Utilities.Task
{
    /// <summary>The libLibTorchSharp.so copies to check.</summary>
    [Microsoft.Build.Framework.Required]
    public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = new Microsoft.Build.Framework.ITaskItem[0];

    /// <inheritdoc />
    public override bool Execute()
    {
        var patcher = ElfSymbolVersionPatcher.ForThisSystem();
        foreach (var item in Files)
        {
            string path = item.GetMetadata("FullPath");
            try
            {
                if (patcher.Patch(path) == SymbolVersionPatchResult.Patched)
                {
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                        $"Downscale.Torch: marked {ElfSymbolVersionPatcher.TargetVersion} weak in {path} (this system's libstdc++ lacks it), so TorchSharp loads.");
                }
            }
            catch (Exception e) when (e is ElfPatchRefusedException or IOException or UnauthorizedAccessException)
            {
                Log.LogError(null, "DSTORCH001", null, path, 0, 0, 0, 0,
                    "Downscale.Torch could not patch TorchSharp's native shim: {0} TorchSharp will not load on this system's libstdc++. Set DownscaleTorchPatchNativeShim=false to skip this step.",
                    e.Message);
            }
        }

        return !Log.HasLoggedErrors;
    }
}
#endif
