#!/usr/bin/env bash
# The README's main job: sets up what is missing, then downscales the bundled sample images (Set5) by 4 with the
# shipped ADK-Net model and with bicubic, writes the LR images and a side-by-side PNG under out/main/, and prints the
# PSNR/SSIM table against the camsim ground truth. Arguments, when given, replace the defaults and go to
# `downscale compare` (for example: --scale 2 --shipped --methods area --out out/x2).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
if [[ $# -eq 0 ]]; then
  set -- --shipped --methods bicubic-matlab --out "$repo_root/out/main" --grid "$repo_root/out/main/comparison.png"
fi
exec dotnet "$repo_root/src/Downscale.Cli/bin/Release/net10.0/downscale.dll" compare "$@"
