#!/usr/bin/env bash
# Scores every classic method and the given ADK-Net models on Set5, Set14 and BSD68 under camsim and bicubic at
# x2, x3 and x4 with `downscale eval --json`, the RAW baselines and RAW wavelet models (names starting with "raw-")
# on Set14's RAW pairs at x1.3, x2, x3 and x4 with `downscale raw eval --json`, then renders the tables of
# docs/results.md.
#   tools/results/make_results.sh <scores folder> [name=weights.safetensors ...]
# A model is scored at the scale in its name only (adknet-x4, raw-wavelet-x1.3). Existing JSON files are kept,
# so an interrupted run continues. Needs the Release build (tools/bootstrap.sh) and ../shared/data.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${DOWNSCALE_DATA:-$repo_root/../shared/data}"
out="$1"; shift
cli=(dotnet "$repo_root/src/Downscale.Cli/bin/Release/net10.0/downscale.dll")
mkdir -p "$out"
for set in Set5 Set14 BSD68; do
  for protocol in camsim bicubic; do
    for scale in 2 3 4; do
      file="$out/classic_${set}_${protocol}_x${scale}.json"
      [[ -f "$file" ]] || "${cli[@]}" eval --set "$data/$set" --protocol "$protocol" --scale "$scale" --json "$file" > /dev/null
      for model in "$@"; do
        name="${model%%=*}"; weights="${model#*=}"
        [[ "$name" == *x${scale}* && "$name" != raw-* ]] || continue
        file="$out/${name}_${set}_${protocol}_x${scale}.json"
        mkdir -p "$out/tmp_$name" && cp "$weights" "$out/tmp_$name/$name.safetensors"
        [[ -f "$file" ]] || "${cli[@]}" eval --set "$data/$set" --protocol "$protocol" --scale "$scale" --models "$out/tmp_$name/$name.safetensors" --json "$file" > /dev/null
      done
    done
  done
done
for scale in 1.3 2 3 4; do
  file="$out/raw_classic_Set14_x${scale}.json"
  [[ -f "$file" ]] || "${cli[@]}" raw eval --set "$data/Set14" --scale "$scale" --json "$file" > /dev/null
  for model in "$@"; do
    name="${model%%=*}"; weights="${model#*=}"
    [[ "$name" == raw-*x${scale} || "$name" == raw-*x${scale}-* ]] || continue
    file="$out/${name}_Set14_raw_x${scale}.json"
    mkdir -p "$out/tmp_$name" && cp "$weights" "$out/tmp_$name/$name.safetensors"
    [[ -f "$file" ]] || "${cli[@]}" raw eval --set "$data/Set14" --scale "$scale" --models "$out/tmp_$name/$name.safetensors" --json "$file" > /dev/null
  done
done
/usr/bin/python3 "$repo_root/tools/results/render_results.py" "$out"
