#!/usr/bin/python3
"""Peer for bench/Downscale.Bench/TorchOpsSuite.cs: times one op in Debian's PyTorch.

usage: /usr/bin/python3 bench/python/torch_ops.py --op conv2d|matmul --threads N --repeats R
Prints one JSON object on its last stdout line: {"op", "median_ms", "threads", "torch"}.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F


def build(op: str):
    generator = torch.Generator().manual_seed(0)
    if op == "conv2d":
        x = torch.randn(1, 64, 256, 256, generator=generator)
        w = torch.randn(64, 64, 3, 3, generator=generator) * 0.05
        b = torch.randn(64, generator=generator)
        return lambda: F.conv2d(x, w, b, padding=1)
    if op == "matmul":
        a = torch.randn(1024, 1024, generator=generator)
        c = torch.randn(1024, 1024, generator=generator)
        return lambda: torch.matmul(a, c)
    raise SystemExit(f"unknown op {op}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--op", required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)  # Debian's torch uses one thread until told otherwise
    run = build(args.op)
    with torch.no_grad():
        run()  # warm-up, as Timing.MedianMs does
        samples = []
        for _ in range(max(1, args.repeats)):
            start = time.perf_counter()
            run()
            samples.append((time.perf_counter() - start) * 1000.0)
    print(json.dumps({"op": args.op, "median_ms": statistics.median(samples), "threads": torch.get_num_threads(),
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
