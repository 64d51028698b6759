#!/usr/bin/env bash
# The README's main job: sets up what is missing, then downscales the bundled sample images (Set5) with every
# classic method and prints a PSNR/SSIM table against their camsim ground truth. Extra arguments go to
# `downscale compare` (for example: --scale 2 --protocol bicubic --out runs/compare).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
exec dotnet "$repo_root/src/Downscale.Cli/bin/Release/net10.0/downscale.dll" compare "$@"
