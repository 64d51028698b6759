#!/usr/bin/python3
"""Times cv2.resize and PIL Image.resize for bench/Downscale.Bench/ResamplingSuite.cs.

usage: resize_peers.py WIDTH HEIGHT THREADS REPEATS SCALE [SCALE ...]

Input: a deterministic WIDTH x HEIGHT RGB uint8 image (HWC, interleaved, as both libraries take it). Output size per
scale s: (round(WIDTH / s), round(HEIGHT / s)), the rule of Resampler.ScaledSize. Each timing is the median of REPEATS
runs after one warm-up, in milliseconds. cv2 gets THREADS threads (cv2.setNumThreads); PIL's resize is
single-threaded. The last stdout line is one JSON object: {"versions": {...}, "results": [{"peer", "method",
"scale", "ms"}, ...]}.
"""

import json
import statistics
import sys
import time

import cv2
import numpy as np
from PIL import Image

CV = {"INTER_AREA": cv2.INTER_AREA, "INTER_LINEAR": cv2.INTER_LINEAR, "INTER_CUBIC": cv2.INTER_CUBIC,
      "INTER_LANCZOS4": cv2.INTER_LANCZOS4}
PIL = {"BICUBIC": Image.BICUBIC, "LANCZOS": Image.LANCZOS, "BOX": Image.BOX, "BILINEAR": Image.BILINEAR}


def median_ms(action, repeats: int) -> float:
    action()
    samples = []
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(samples)


def main() -> int:
    width, height, threads, repeats = (int(v) for v in sys.argv[1:5])
    scales = [float(v) for v in sys.argv[5:]]
    cv2.setNumThreads(threads)
    rng = np.random.Generator(np.random.PCG64(1234))
    image = rng.integers(0, 256, size=(height, width, 3), dtype=np.uint8)
    pil = Image.fromarray(image, "RGB")
    results = []
    for scale in scales:
        size = (max(1, int(width / scale + 0.5)), max(1, int(height / scale + 0.5)))  # halves away from zero
        for name, flag in CV.items():
            ms = median_ms(lambda: cv2.resize(image, size, interpolation=flag), repeats)
            results.append({"peer": "opencv", "method": name, "scale": scale, "ms": ms})
        for name, flag in PIL.items():
            ms = median_ms(lambda: pil.resize(size, flag), repeats)
            results.append({"peer": "pil", "method": name, "scale": scale, "ms": ms})
    print(json.dumps({"versions": {"cv2": cv2.__version__, "PIL": Image.__version__, "threads": threads},
                      "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
