#!/usr/bin/python3
"""Arbitrary-scale RAW downscaling with wavelet-based recurrent reconstruction: the PyTorch reference of
``Downscale.Torch.Models.RawWavelet`` (paper: shared/seeds/003_54680f2651cff810.txt). Every reading choice is listed
in docs/models/raw-wavelet.md; this file implements the same reading, name for name.

* Input: packed RGGB planes [R, G1, G2, B] (N, 4, H, W), H and W multiples of 2^K * m. Output (N, 4, H n/m, W n/m).
* Encoder: head conv3x3 (4 -> c), block 1 a residual block at full size (f_1), blocks 2..K residual blocks that
  halve the size (conv3x3 stride 2 - ReLU - conv3x3, plus a strided 1x1 projection), giving f_1 .. f_K.
* Level k = K .. 1: Haar DWT of f_k -> A, V, H, D (c channels); LASDM(A): residual blocks, PixelUnshuffle(m), merge
  c m^2 -> c n^2 ("dense": one 1x1 conv; "separable": rows then columns, 1x1 convs c m -> c n), PixelShuffle(n);
  A_hat = a_head(LASDM) at level K, a_head(cat(LASDM, IDWT(level k+1))) below; HFPM(V, H, D, A_hat) -> V_hat, H_hat,
  D_hat (Eq. 3-5 with top-k, cosine-similarity softmax location maps, and bilinear 1x1 residual branches);
  IDWT(A_hat, V_hat, H_hat, D_hat) feeds the next level; the last IDWT is the output.
* base != "none" (the identity path): the levels predict corrections of the Haar pyramid of a RAW-domain
  interpolation of the input (bilinear demosaic, PIL-convention bilinear/bicubic or area resize, RGGB sampling);
  A_hat adds the base's coarsest A at level K and the reconstruction from above below it; the heads start at zero.
* Losses (``objective``): L_con = L1(out, LR), L_hwc = sum over levels and A, V, H, D of L1(pred, DWT of the LR),
  L_em = sum over levels and V, H, D of mean_n |‖pred_n‖_2 - ‖HR band_n‖_2| / (h' w'); total L_con + L_hwc + 0.1 L_em.
* ``downscale``: any HR size to the pairs-v1 LR size and grid (the rounding rule of data/README.md), resampling the
  input onto the model's m/n grid with Keys cubic taps (RawDownscaleGeometry in C#).

State-dict names are the contract with C# (``encoder.blocks.1.shortcut.weight``, ``levels.3.lasdm.merge.weight``,
``levels.0.hfpm.q_h.weight``, ...); ``save``/``load`` write safetensors with ``RawWaveletConfig.to_metadata``.
"""
from __future__ import annotations

import math
import pathlib
import sys
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from adknet import load_safetensors, save_safetensors  # noqa: E402  (one hand-written safetensors codec)

FORMAT = "raw_wavelet"
FORMAT_VERSION = "1"
MERGES = ("dense", "separable")
WAVELETS = ("orthonormal", "average")
BASES = ("none", "bilinear", "bicubic", "area")
NORM_EPS = 1e-12


@dataclass(frozen=True)
class RawWaveletConfig:
    """Architecture of one model (one per scale m/n)."""

    m: int
    n: int
    features: int = 16
    levels: int = 4
    lasdm_blocks: int = 2
    hfpm_blocks: int = 2
    lasdm_merge: str = "dense"
    wavelet: str = "orthonormal"
    base: str = "none"

    def __post_init__(self) -> None:
        g = math.gcd(self.m, self.n)
        if g != 1 or self.m <= self.n or self.n < 1:
            raise ValueError(f"scale must be a reduced fraction m/n with m > n >= 1, got {self.m}/{self.n}")
        if self.lasdm_merge not in MERGES or self.wavelet not in WAVELETS or self.base not in BASES:
            raise ValueError("unknown lasdm_merge, wavelet or base")

    @staticmethod
    def of(scale: str, **kwargs) -> "RawWaveletConfig":
        m, n = parse_scale(scale)
        return RawWaveletConfig(m=m, n=n, **kwargs)

    @property
    def input_block(self) -> int:
        return (1 << self.levels) * self.m

    @property
    def output_block(self) -> int:
        return (1 << self.levels) * self.n

    def to_metadata(self) -> Dict[str, str]:
        return {
            "format": FORMAT, "format_version": FORMAT_VERSION, "scale": f"{self.m}/{self.n}",
            "features": str(self.features), "levels": str(self.levels), "lasdm_blocks": str(self.lasdm_blocks),
            "hfpm_blocks": str(self.hfpm_blocks), "lasdm_merge": self.lasdm_merge, "wavelet": self.wavelet,
            "base": self.base,
        }

    @staticmethod
    def from_metadata(meta: Dict[str, str]) -> "RawWaveletConfig":
        if meta.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file: {meta.get('format')}")
        m, n = parse_scale(meta["scale"])
        return RawWaveletConfig(m=m, n=n, features=int(meta["features"]), levels=int(meta["levels"]),
                                lasdm_blocks=int(meta["lasdm_blocks"]), hfpm_blocks=int(meta["hfpm_blocks"]),
                                lasdm_merge=meta["lasdm_merge"], wavelet=meta["wavelet"], base=meta["base"])


def parse_scale(text: str) -> Tuple[int, int]:
    """'13/10', '1.3' or '2' -> (m, n) reduced."""
    if "/" in text:
        m, n = (int(p) for p in text.split("/"))
    else:
        factor = float(text)
        for n in range(1, 65):
            m = round(factor * n)
            if abs(m / n - factor) < 1e-9:
                break
        else:
            raise ValueError(text)
    g = math.gcd(m, n)
    return m // g, n // g


# --- Haar ------------------------------------------------------------------------------------------------------------

def haar_scale(wavelet: str) -> float:
    return 0.5 if wavelet == "orthonormal" else 0.25


def dwt(x: torch.Tensor, wavelet: str):
    """A = f(a+b+c+d), V = f(a-b+c-d), H = f(a+b-c-d), D = f(a-b-c+d) per 2x2 block [[a, b], [c, d]]."""
    f = haar_scale(wavelet)
    a, b = x[..., 0::2, 0::2], x[..., 0::2, 1::2]
    c, d = x[..., 1::2, 0::2], x[..., 1::2, 1::2]
    return (a + b + c + d) * f, (a - b + c - d) * f, (a + b - c - d) * f, (a - b - c + d) * f


def idwt(a, v, h, d, wavelet: str) -> torch.Tensor:
    g = 1.0 / (4 * haar_scale(wavelet))
    p00, p01 = (a + h + v + d) * g, (a + h - v - d) * g
    p10, p11 = (a - h + v - d) * g, (a - h - v + d) * g
    n, c, rows, cols = a.shape
    return F.pixel_shuffle(torch.stack([p00, p01, p10, p11], 2).reshape(n, c * 4, rows, cols), 2)


def pyramid(image: torch.Tensor, levels: int, wavelet: str) -> List[Tuple[torch.Tensor, ...]]:
    bands, low = [], image
    for _ in range(levels):
        b = dwt(low, wavelet)
        bands.append(b)
        low = b[0]
    return bands


# --- layers ----------------------------------------------------------------------------------------------------------

def conv3x3(i: int, o: int, stride: int = 1) -> nn.Conv2d:
    return nn.Conv2d(i, o, 3, stride=stride, padding=1)


def conv1x1(i: int, o: int, stride: int = 1) -> nn.Conv2d:
    return nn.Conv2d(i, o, 1, stride=stride)


def zero_(conv: nn.Conv2d) -> None:
    with torch.no_grad():
        conv.weight.zero_()
        conv.bias.zero_()


class ResBlock(nn.Module):
    def __init__(self, c: int) -> None:
        super().__init__()
        self.conv1, self.conv2 = conv3x3(c, c), conv3x3(c, c)

    def forward(self, x):
        return x + self.conv2(F.relu(self.conv1(x)))


class DownBlock(nn.Module):
    def __init__(self, c: int) -> None:
        super().__init__()
        self.conv1, self.conv2, self.shortcut = conv3x3(c, c, 2), conv3x3(c, c), conv1x1(c, c, 2)

    def forward(self, x):
        return self.shortcut(x) + self.conv2(F.relu(self.conv1(x)))


def blocks(count: int, c: int) -> nn.ModuleList:
    return nn.ModuleList([ResBlock(c) for _ in range(count)])


def run(modules: nn.ModuleList, x):
    for module in modules:
        x = module(x)
    return x


class Encoder(nn.Module):
    def __init__(self, c: int, levels: int) -> None:
        super().__init__()
        self.head = conv3x3(4, c)
        self.blocks = nn.ModuleList([ResBlock(c)] + [DownBlock(c) for _ in range(levels - 1)])

    def pyramid(self, x):
        out, x = [], self.head(x)
        for block in self.blocks:
            x = block(x)
            out.append(x)
        return out


class Lasdm(nn.Module):
    def __init__(self, c: int, m: int, n: int, count: int, merge: str) -> None:
        super().__init__()
        self.m, self.n = m, n
        self.blocks = blocks(count, c)
        if merge == "dense":
            self.merge = conv1x1(c * m * m, c * n * n)
        else:
            self.merge_rows = conv1x1(c * m, c * n)
            self.merge_cols = conv1x1(c * m, c * n)

    def forward(self, x):
        x = run(self.blocks, x)
        m, n = self.m, self.n
        if hasattr(self, "merge"):
            return F.pixel_shuffle(self.merge(F.pixel_unshuffle(x, m)), n)
        b, c, rows, cols = x.shape
        q = rows // m
        x = x.view(b, c, q, m, cols).permute(0, 1, 3, 2, 4).reshape(b, c * m, q, cols)
        x = self.merge_rows(x).view(b, c, n, q, cols).permute(0, 1, 3, 2, 4).reshape(b, c, q * n, cols)
        rows, q = x.shape[2], cols // m
        x = x.view(b, c, rows, q, m).permute(0, 1, 4, 2, 3).reshape(b, c * m, rows, q)
        return self.merge_cols(x).view(b, c, n, rows, q).permute(0, 1, 3, 4, 2).reshape(b, c, rows, q * n)


def location_map(query, key):
    """softmax over the last axis of the cosine similarities of the rows of query and key (Eq. 3)."""
    def normalize(t):
        return t / t.norm(dim=-1, keepdim=True).clamp_min(NORM_EPS)
    return torch.softmax(normalize(query) @ normalize(key).transpose(2, 3), dim=-1)


class Hfpm(nn.Module):
    def __init__(self, c: int, count: int) -> None:
        super().__init__()
        self.v_blocks, self.h_blocks = blocks(count, c), blocks(count, c)
        self.q_h, self.k_h = conv3x3(4, c), conv3x3(c, c)
        self.q_v, self.k_v = conv3x3(4, c), conv3x3(c, c)
        self.v_post, self.h_post, self.d_post = blocks(count, c), blocks(count, c), blocks(count, c)
        self.v_out, self.h_out, self.d_out = conv3x3(c, 4), conv3x3(c, 4), conv3x3(c, 4)
        self.v_skip, self.h_skip, self.d_skip = conv1x1(c, 4), conv1x1(c, 4), conv1x1(c, 4)

    def zero_heads(self) -> None:
        for conv in (self.v_out, self.h_out, self.d_out, self.v_skip, self.h_skip, self.d_skip):
            zero_(conv)

    def forward(self, v, h, d, a):
        rows, cols = a.shape[2], a.shape[3]
        v_top = run(self.v_blocks, v).topk(rows, dim=2, largest=True, sorted=True).values
        h_top = run(self.h_blocks, h).topk(cols, dim=3, largest=True, sorted=True).values
        map_h = location_map(self.q_h(a), self.k_h(h_top))
        map_vt = location_map(self.q_v(a).transpose(2, 3), self.k_v(v_top).transpose(2, 3)).transpose(2, 3)
        size = (rows, cols)

        def resize(t):
            return F.interpolate(t, size=size, mode="bilinear", align_corners=False)
        v_hat = self.v_out(run(self.v_post, v_top @ map_vt)) + self.v_skip(resize(v))
        h_hat = self.h_out(run(self.h_post, map_h @ h_top)) + self.h_skip(resize(h))
        d_hat = self.d_out(run(self.d_post, map_h @ d @ map_vt)) + self.d_skip(resize(d))
        return v_hat, h_hat, d_hat


class WaveletLevel(nn.Module):
    def __init__(self, config: RawWaveletConfig, coarsest: bool) -> None:
        super().__init__()
        c = config.features
        self.wavelet = config.wavelet
        self.lasdm = Lasdm(c, config.m, config.n, config.lasdm_blocks, config.lasdm_merge)
        self.a_head = conv3x3(c if coarsest else c + 4, 4)
        self.hfpm = Hfpm(c, config.hfpm_blocks)
        if config.base != "none":
            zero_(self.a_head)
            self.hfpm.zero_heads()

    def forward(self, features, above, base_bands):
        a, v, h, d = dwt(features, self.wavelet)
        low = self.lasdm(a)
        a_hat = self.a_head(low) if above is None else self.a_head(torch.cat([low, above], 1))
        if base_bands is not None:
            a_hat = a_hat + (base_bands[0] if above is None else above)
        v_hat, h_hat, d_hat = self.hfpm(v, h, d, a_hat)
        if base_bands is not None:
            v_hat, h_hat, d_hat = v_hat + base_bands[1], h_hat + base_bands[2], d_hat + base_bands[3]
        return a_hat, v_hat, h_hat, d_hat


class RawWaveletNet(nn.Module):
    def __init__(self, config: RawWaveletConfig) -> None:
        super().__init__()
        self.config = config
        self.encoder = Encoder(config.features, config.levels)
        self.levels = nn.ModuleList([WaveletLevel(config, k == config.levels) for k in range(1, config.levels + 1)])

    def interpolate(self, x):
        c = self.config
        return None if c.base == "none" else raw_interpolation(x, c.m, c.n, c.base)

    def forward_levels(self, x):
        c = self.config
        if x.dim() != 4 or x.shape[1] != 4 or x.shape[2] % c.input_block or x.shape[3] % c.input_block:
            raise ValueError(f"input must be (N, 4, H, W) with H, W multiples of {c.input_block}, got {tuple(x.shape)}")
        features = self.encoder.pyramid(x)
        base = self.interpolate(x)
        base_pyramid = None if base is None else pyramid(base, c.levels, c.wavelet)
        predicted: List = [None] * c.levels
        above = None
        for k in range(c.levels, 0, -1):
            bands = self.levels[k - 1](features[k - 1], above, None if base_pyramid is None else base_pyramid[k - 1])
            predicted[k - 1] = bands
            above = idwt(*bands, c.wavelet)
        return above, predicted

    def forward(self, x):
        return self.forward_levels(x)[0]


# --- resampling taps (the numbers of Downscale.Core's ConventionWeights and AxisTaps) ---------------------------------

def keys(x: float, a: float = -0.5) -> float:
    x = abs(x)
    if x < 1.0:
        return (((a + 2.0) * x) - (a + 3.0)) * x * x + 1.0
    return ((((x - 5.0) * x) + 8.0) * x - 4.0) * a if x < 2.0 else 0.0


def triangle(x: float) -> float:
    x = abs(x)
    return 1.0 - x if x < 1.0 else 0.0


def pil_taps(kernel, radius: float, size_in: int, size_out: int):
    """PIL precompute_coeffs: (index lists, weight lists) per output, window clipped to the input, normalised."""
    scale = size_in / size_out
    filterscale = max(scale, 1.0)
    support = radius * filterscale
    index, weight = [], []
    for i in range(size_out):
        center = (i + 0.5) * scale
        xmin = max(int(center - support + 0.5), 0)
        xmax = min(int(center + support + 0.5), size_in)
        w = [kernel((x + xmin - center + 0.5) / filterscale) for x in range(xmax - xmin)]
        total = sum(w)
        index.append(list(range(xmin, xmax)))
        weight.append([v / total for v in w] if total != 0 else w)
    return index, weight


def area_taps(size_in: int, size_out: int):
    """Pixel-area weights: output i covers [i s, (i + 1) s) (OpenCV INTER_AREA)."""
    scale = size_in / size_out
    index, weight = [], []
    for i in range(size_out):
        lo = i * scale
        hi = size_in if i == size_out - 1 else min((i + 1) * scale, size_in)
        first = min(int(math.floor(lo)), size_in - 1)
        last = min(int(math.ceil(hi)) - 1, size_in - 1)
        w = []
        for j in range(first, last + 1):
            overlap = min(hi, j + 1) - max(lo, j)
            w.append(overlap if overlap > 1e-9 else 0.0)
        total = sum(w)
        index.append(list(range(first, last + 1)))
        weight.append([v / total for v in w])
    return index, weight


def cubic_taps_at(size_in: int, offset: float, step: float, size_out: int):
    """Keys cubic interpolation at offset + (j + 0.5) step - 0.5 with replicated borders."""
    index, weight = [], []
    for j in range(size_out):
        p = offset + (j + 0.5) * step - 0.5
        f = math.floor(p)
        t = p - f
        index.append([min(max(f + k, 0), size_in - 1) for k in (-1, 0, 1, 2)])
        weight.append([keys(t + 1), keys(t), keys(1 - t), keys(2 - t)])
    return index, weight


def apply_taps(x: torch.Tensor, taps, dim: int) -> torch.Tensor:
    index, weight = taps
    width = max(len(i) for i in index)
    idx = np.zeros((len(index), width), dtype=np.int64)
    wts = np.zeros((len(index), width), dtype=np.float64)
    for o, (i, w) in enumerate(zip(index, weight)):
        idx[o, :len(i)] = i
        idx[o, len(i):] = i[-1]
        wts[o, :len(w)] = w
    wts = torch.from_numpy(wts.astype(np.float32)).to(x.dtype)
    gathered = x.index_select(dim, torch.from_numpy(idx.reshape(-1)))
    if dim == 2:
        g = gathered.view(x.shape[0], x.shape[1], len(index), width, x.shape[3])
        return (g * wts.view(1, 1, len(index), width, 1)).sum(3)
    g = gathered.view(x.shape[0], x.shape[1], x.shape[2], len(index), width)
    return (g * wts.view(1, 1, 1, len(index), width)).sum(4)


def resize_taps(method: str, size_in: int, size_out: int):
    if method == "bilinear":
        return pil_taps(triangle, 1.0, size_in, size_out)
    if method == "bicubic":
        return pil_taps(keys, 2.0, size_in, size_out)
    return area_taps(size_in, size_out)


def raw_interpolation(packed: torch.Tensor, m: int, n: int, method: str) -> torch.Tensor:
    """Bilinear demosaic (reflect-101), resize of the mosaic-size camera RGB by m/n, RGGB sampling, packed again."""
    r, g, b = packed[:, 0:1], packed[:, 1:3], packed[:, 3:4]
    z = torch.zeros_like(r)
    sparse = F.pixel_shuffle(torch.cat([r, z, z, z, z, g, z, z, z, z, b], 1), 2)
    rb = torch.tensor([[0.25, 0.5, 0.25], [0.5, 1.0, 0.5], [0.25, 0.5, 0.25]], dtype=packed.dtype)
    gk = torch.tensor([[0.0, 0.25, 0.0], [0.25, 1.0, 0.25], [0.0, 0.25, 0.0]], dtype=packed.dtype)
    rgb = F.conv2d(F.pad(sparse, (1, 1, 1, 1), mode="reflect"), torch.stack([rb, gk, rb]).unsqueeze(1), groups=3)
    rows, cols = packed.shape[2], packed.shape[3]
    out_rows, out_cols = rows * n // m, cols * n // m
    rgb = apply_taps(rgb, resize_taps(method, 2 * rows, 2 * out_rows), 2)
    rgb = apply_taps(rgb, resize_taps(method, 2 * cols, 2 * out_cols), 3)
    return F.pixel_unshuffle(rgb, 2)[:, [0, 5, 6, 11]]


# --- the protocol's sizes and grid (RawDownscaleGeometry in C#) -----------------------------------------------------

def lr_side(hr: int, m: int, n: int) -> int:
    if n == 1:
        side = hr // m
        return side - (side & 1)
    numerator, denominator = hr * n, 2 * m
    q, twice = numerator // denominator, 2 * (numerator % denominator)
    if twice > denominator or (twice == denominator and q % 2 == 1):
        q += 1
    return 2 * q


def region_side(hr: int, lr: int, m: int, n: int) -> int:
    if n == 1 and lr * m <= hr and hr - lr * m < 2 * m:
        return lr * m
    return hr


def input_axis_taps(hr_len: int, region_len: int, lr_len: int, m: int, n: int, lr_start: int, input_len: int):
    num, den = region_len * n, lr_len * m
    step = 1.0 if num == den else num / den
    offset = lr_start * region_len / lr_len
    return cubic_taps_at(hr_len, offset, step, input_len)


def downscale(model: RawWaveletNet, packed_hr: torch.Tensor, lr_mosaic: Optional[Tuple[int, int]] = None) -> torch.Tensor:
    """Any packed HR to the protocol's LR size (or lr_mosaic) and grid; returns packed LR."""
    c = model.config
    hr = (packed_hr.shape[2] * 2, packed_hr.shape[3] * 2)
    lr = lr_mosaic or (lr_side(hr[0], c.m, c.n), lr_side(hr[1], c.m, c.n))
    out = []
    for axis in range(2):
        region = region_side(hr[axis], lr[axis], c.m, c.n)
        lr_p, region_p, hr_p = lr[axis] // 2, region // 2, hr[axis] // 2
        padded = -(-lr_p // c.output_block) * c.output_block
        out.append(input_axis_taps(hr_p, region_p, lr_p, c.m, c.n, 0, padded // c.n * c.m))
    x = apply_taps(apply_taps(packed_hr, out[0], 2), out[1], 3)
    return model(x)[:, :, : lr[0] // 2, : lr[1] // 2]


# --- the training objective --------------------------------------------------------------------------------------------

def objective(model: RawWaveletNet, x, target, hr=None, weights=(1.0, 1.0, 0.1)):
    """(total, L_con, L_hwc, L_em) of one batch; hr defaults to the input."""
    wavelet = model.config.wavelet
    output, levels = model.forward_levels(x)
    con = F.l1_loss(output, target)
    hwc = output.new_zeros(())
    for bands, truth in zip(levels, pyramid(target, len(levels), wavelet)):
        for p, t in zip(bands, truth):
            hwc = hwc + F.l1_loss(p, t)
    em = output.new_zeros(())
    for bands, truth in zip(levels, pyramid(x if hr is None else hr, len(levels), wavelet)):
        area = truth[0].shape[2] * truth[0].shape[3]
        for p, t in zip(bands[1:], truth[1:]):
            em = em + (p.flatten(1).norm(dim=1) - t.flatten(1).norm(dim=1)).abs().mean() / area
    total = weights[0] * con + weights[1] * hwc + weights[2] * em
    return total, con, hwc, em


# --- weights -------------------------------------------------------------------------------------------------------------

def save(model: RawWaveletNet, path) -> None:
    save_safetensors(path, model.state_dict(), model.config.to_metadata())


def load(path) -> RawWaveletNet:
    tensors, metadata = load_safetensors(path)
    model = RawWaveletNet(RawWaveletConfig.from_metadata(metadata))
    model.load_state_dict({k: v.float() for k, v in tensors.items()}, strict=True)
    return model
