#!/usr/bin/python3
"""Peer for bench/Downscale.Bench/RawWaveletSuite.cs: the RAW wavelet model in Debian's PyTorch
(tools/reference/raw_wavelet.py, the same reading name for name).

usage:
  /usr/bin/python3 bench/python/raw_wavelet_peer.py train --threads N --repeats R --scale 2|13/10 [--batch 4]
  /usr/bin/python3 bench/python/raw_wavelet_peer.py infer --threads N --repeats R --scale 2|13/10 [--size 1024]

The model is the improved configuration at the default width and depth (c = 16, K = 4, separable merge, bilinear
base), as RawWaveletChild builds it. train: one Adam step on the RAW objective (L_con + L_hwc + 0.1 L_em; zero_grad,
loss, .item(), backward, step) on a batch of random packed inputs whose LR side is the smallest multiple of 2^K n of
at least 64; infer: eval, no_grad, raw_wavelet.downscale of a random 1024x1024 mosaic (packed) onto the protocol grid.
Both report the median ms after one warm-up and this process's peak RSS (VmHWM). Prints one JSON object last.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "reference"))
import raw_wavelet  # noqa: E402


def peak_rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def now_ms() -> float:
    return time.perf_counter() * 1000.0


def model_of(scale: str) -> raw_wavelet.RawWaveletNet:
    torch.manual_seed(0)
    return raw_wavelet.RawWaveletNet(raw_wavelet.RawWaveletConfig.of(scale, lasdm_merge="separable", base="bilinear"))


def train(args) -> dict:
    model = model_of(args.scale).train()
    c = model.config
    block = c.output_block
    lr = -(-64 // block) * block
    size = lr // c.n * c.m
    generator = torch.Generator().manual_seed(0)
    hr = torch.rand(args.batch, 4, size, size, generator=generator)
    target = torch.rand(args.batch, 4, lr, lr, generator=generator)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    steps = []
    for index in range(max(1, args.repeats) + 1):
        start = now_ms()
        optimizer.zero_grad()
        total = raw_wavelet.objective(model, hr, target)[0]
        total.item()
        total.backward()
        optimizer.step()
        if index > 0:
            steps.append(now_ms() - start)
    return {"step_ms": statistics.median(steps), "lr_patch": lr, "input_patch": size}


def infer(args) -> dict:
    model = model_of(args.scale).eval()
    generator = torch.Generator().manual_seed(0)
    packed = torch.rand(1, 4, args.size // 2, args.size // 2, generator=generator)
    samples = []
    with torch.no_grad():
        for index in range(max(1, args.repeats) + 1):
            start = now_ms()
            raw_wavelet.downscale(model, packed).clamp(0, 1)
            if index > 0:
                samples.append(now_ms() - start)
    return {"infer_ms": statistics.median(samples)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["train", "infer"])
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--scale", default="2")
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--size", type=int, default=1024)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)  # Debian's torch uses one thread until told otherwise
    result = train(args) if args.mode == "train" else infer(args)
    result.update({"mode": args.mode, "threads": torch.get_num_threads(), "torch": torch.__version__, "peak_rss_mib": peak_rss_mib()})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
