#!/usr/bin/env bash
# Shared setup of the README's two commands: checks the .NET SDK, installs the few Debian packages that the product
# needs at run time (only when root; otherwise prints what to install), then restores and builds the solution in
# Release. `dotnet build` is incremental and the TorchSharp native fix runs inside it (an MSBuild target of
# Downscale.Torch), so a second run takes seconds. Sourced by tools/main.sh and tools/test.sh.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is required (dotnet was not found on PATH). Install it, then run this command again." >&2
  exit 1
fi
if ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "error: the .NET 10 SDK is required; found: $(dotnet --list-sdks | tr '\n' ' ')" >&2
  exit 1
fi

# Debian packages needed at run time: LibRaw decodes camera RAW files (no NuGet package wraps it).
missing=()
for pkg in libraw20; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; }
  else
    echo "note: camera RAW decoding needs: sudo apt-get install ${missing[*]} (everything else works without it)" >&2
  fi
fi

build_log="$(mktemp)"
if ! dotnet build "$repo_root/Downscale.MLNet.sln" -c Release -nologo -v:q >"$build_log" 2>&1; then
  cat "$build_log" >&2
  rm -f "$build_log"
  echo "error: the build failed (log above)." >&2
  exit 1
fi
rm -f "$build_log"
