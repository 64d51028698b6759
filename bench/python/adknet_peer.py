#!/usr/bin/python3
"""Peer for bench/Downscale.Bench/AdkNetSuite.cs: ADK-Net in Debian's PyTorch (tools/reference/adknet.py).

usage:
  /usr/bin/python3 bench/python/adknet_peer.py train --threads N --repeats R [--batch 4 --patch 192 --scale 4]
  /usr/bin/python3 bench/python/adknet_peer.py infer --threads N --repeats R [--size 1024 --scale 4]

train: one Adam step on an L1 loss (zero_grad, forward, loss, .item(), backward, step), the same sequence as the C#
Trainer; reports the median ms of whole steps and of their forward (with loss), backward and optimizer parts.
infer: eval mode, no_grad, one whole-image forward. Both report peak RSS (VmHWM) of this process.
Prints one JSON object on its last stdout line.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "reference"))
import adknet  # noqa: E402  (the reference of the same architecture)


def peak_rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def now_ms() -> float:
    return time.perf_counter() * 1000.0


def train(args) -> dict:
    generator = torch.Generator().manual_seed(0)
    torch.manual_seed(0)
    model = adknet.AdkNet(adknet.AdkNetConfig(scale=args.scale))
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    hr = torch.rand(args.batch, 3, args.patch, args.patch, generator=generator)
    lr = F.avg_pool2d(hr, args.scale)
    parts = {"step": [], "forward": [], "backward": [], "optimizer": []}
    for index in range(max(1, args.repeats) + 1):  # the first step warms up, as Timing.MedianMs does
        t0 = now_ms()
        optimizer.zero_grad()
        loss = F.l1_loss(model(hr), lr)
        loss.item()
        t1 = now_ms()
        loss.backward()
        t2 = now_ms()
        optimizer.step()
        t3 = now_ms()
        if index > 0:
            parts["step"].append(t3 - t0)
            parts["forward"].append(t1 - t0)
            parts["backward"].append(t2 - t1)
            parts["optimizer"].append(t3 - t2)
    return {name + "_ms": statistics.median(values) for name, values in parts.items()}


def infer(args) -> dict:
    generator = torch.Generator().manual_seed(0)
    torch.manual_seed(0)
    model = adknet.AdkNet(adknet.AdkNetConfig(scale=args.scale)).eval()
    image = torch.rand(1, 3, args.size, args.size, generator=generator)
    samples = []
    with torch.no_grad():
        for index in range(max(1, args.repeats) + 1):
            start = now_ms()
            model(image)
            if index > 0:
                samples.append(now_ms() - start)
    return {"infer_ms": statistics.median(samples)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["train", "infer"])
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--patch", type=int, default=192)
    parser.add_argument("--scale", type=int, default=4)
    parser.add_argument("--size", type=int, default=1024)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)  # Debian's torch uses one thread until told otherwise
    result = train(args) if args.mode == "train" else infer(args)
    result.update({"mode": args.mode, "threads": torch.get_num_threads(),
                   "interop_threads": torch.get_num_interop_threads(), "torch": torch.__version__,
                   "peak_rss_mib": peak_rss_mib()})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
