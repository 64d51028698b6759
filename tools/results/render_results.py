#!/usr/bin/env python3
"""Renders the score JSON files written by `downscale eval --json` into the Markdown tables of docs/results.md.

Usage: render_results.py <folder with *.json> > tables.md
Each JSON file holds one (set, protocol, scale) and one or more methods; files may overlap, the last one read wins.
"""
import json
import pathlib
import sys

SETS = ["Set5", "Set14", "BSD68"]
PROTOCOLS = ["camsim", "bicubic"]
# Models named "ablation-x4-<variant>" (same training budget each) go to the ablation tables, in this order.
ABLATION_ORDER = ["plain", "k10", "k16", "single", "shared-trunk", "simple-gen", "sum-only", "min-max-only", "field-aware"]


def load(folder):
    scores = {}
    for path in sorted(pathlib.Path(folder).glob("*.json")):
        doc = json.loads(path.read_text())
        if doc["protocol"] == "raw":
            continue  # written by `downscale raw eval`: see raw_tables
        for method in doc["methods"]:
            scores[(doc["set"], doc["protocol"], doc["scale"], method["method"])] = method["mean"]
    return scores


def fmt(value, digits):
    return "inf" if value is None else f"{value:.{digits}f}"


def table(scores, protocol, scale, methods):
    sets = [s for s in SETS if any((s, protocol, scale, m) in scores for m in methods)]
    head = "| method | " + " | ".join(f"{s} PSNR RGB / Y | {s} SSIM RGB / Y" for s in sets) + " |"
    rule = "|---|" + "---|---|" * len(sets)
    rows = [head, rule]
    for method in methods:
        cells = []
        for s in sets:
            mean = scores.get((s, protocol, scale, method))
            if mean is None:
                cells += ["–", "–"]
            else:
                cells += [f"{fmt(mean['psnr_rgb'], 2)} / {fmt(mean['psnr_y'], 2)}", f"{mean['ssim_rgb']:.4f} / {mean['ssim_y']:.4f}"]
        rows.append(f"| {method} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main():
    scores = load(sys.argv[1])
    methods_by_scale = {}
    for (_, _, scale, method) in scores:
        methods_by_scale.setdefault(scale, [])
        if method not in methods_by_scale[scale] and not method.startswith("ablation-"):
            methods_by_scale[scale].append(method)
    for scale in sorted(s for s in methods_by_scale if methods_by_scale[s]):
        for protocol in PROTOCOLS:
            print(f"### x{scale}, ground truth `{protocol}`\n")
            print(table(scores, protocol, scale, methods_by_scale[scale]))
            print()
    present = {k[3] for k in scores if k[3].startswith("ablation-x4-")}
    ablations = sorted(present, key=lambda m: ABLATION_ORDER.index(m[len("ablation-x4-"):]) if m[len("ablation-x4-"):] in ABLATION_ORDER else 99)
    if ablations:
        for protocol in PROTOCOLS:
            print(f"### x4 ablations, ground truth `{protocol}`\n")
            print(table(scores, protocol, 4, ablations))
            print()


RAW_SCALES = ["1.3", "2", "3", "4"]


def raw_tables(folder):
    """The RAW paper's Tables 2 and 1 from `downscale raw eval --json` files: RAW-domain and sRGB PSNR / SSIM per scale."""
    scores, methods = {}, []
    for path in sorted(pathlib.Path(folder).glob("*.json")):
        doc = json.loads(path.read_text())
        if doc["protocol"] != "raw":
            continue
        for method in doc["methods"]:
            scores[(doc["set"], doc["scale"], method["method"])] = method["mean"]
            if method["method"] not in methods:
                methods.append(method["method"])
    # Interpolation rows ("method (domain)") first, then the models, each in order of appearance.
    methods = sorted(methods, key=lambda m: (0 if " (" in m else 1, methods.index(m)))
    for set_name in sorted({k[0] for k in scores}):
        scales = [s for s in RAW_SCALES if any((set_name, s, m) in scores for m in methods)]
        for title, psnr, ssim in [("RAW domain", "raw_psnr", "raw_ssim"), ("sRGB after the fixed ISP", "psnr_rgb", "ssim_rgb")]:
            print(f"### {set_name} RAW pairs, {title}: PSNR / SSIM\n")
            print("| method | " + " | ".join(f"x{s}" for s in scales) + " |")
            print("|---|" + "---|" * len(scales))
            for method in methods:
                cells = []
                for s in scales:
                    mean = scores.get((set_name, s, method))
                    cells.append("–" if mean is None else f"{mean[psnr]:.2f} / {mean[ssim]:.4f}")
                if any(c != "–" for c in cells):
                    print(f"| {method} | " + " | ".join(cells) + " |")
            print()


if __name__ == "__main__":
    main()
    raw_tables(sys.argv[1])
