#!/usr/bin/python3
"""ADK-Net (Adaptive Downscaling Kernel Network), the PyTorch reference of ``Downscale.Torch.Models.AdkNet``.

Section III of the ADK-Net paper (shared/seeds/000_17dc79e65030b8f7.txt), with C = 64 by default:

* feature extractor (III-B), at HR resolution: a reflection-padded 3x3 conv, one backbone block of 4 residual blocks
  (reflpad-conv-ReLU-reflpad-conv plus identity, no batch norm), a final reflection-padded 3x3 conv;
* feature downsampling (III-C): PixelUnshuffle(s), then a reflection-padded 3x3 conv from C*s*s back to C channels;
* kernel generation (III-D): per colour channel a trunk (3 residual blocks + conv, C -> C) and a branch
  (2 residual blocks + conv, C -> k*k), k = 2s + 1 by default;
* kernel normalisation (III-E): min-max with eps, then sum-to-one with eps, per pixel and channel;
* kernel application (III-F): each LR pixel is the k x k weighted sum of the reflection-padded HR image around the
  projected centre u = (x + 0.5) s - 0.5.

The paper names no activation after the head, tail, downsampling, trunk or branch convolutions, so there is none.

Kernel window. For LR index x, tap j in [0, k) reads HR index ``x*s + offset + j`` with
``offset = floor((s - k) / 2)``, reflected at the border (PyTorch's ReflectionPad, edge not repeated). The window
centre ``x*s + offset + (k-1)/2`` equals u when k and s have the same parity and lies half a pixel before u
otherwise (the paper's odd k = 2s + 1 with even s), which is why ``kernel_size`` is a parameter.

Options beyond the defaults (the paper's ablations and one extension):

* ``generator_sharing``: "per_channel" (paper), "shared_trunk" (one trunk, three branches), "single" (one stream
  whose kernel is applied to all three channels);
* ``generator_blocks``: "residual" (paper) or "plain" (SimpleGen: each residual block becomes conv-ReLU-conv-ReLU,
  same convolutions and parameter names, no identity);
* ``normalization``: "two_stage" (paper), "sum_only" or "min_max_only";
* ``field_aware``: the input carries two more planes after RGB, the normalised x and y in [-1, 1] of each HR pixel
  centre in the full image, ``(2 * i + 1) / n - 1``; they feed the feature extractor only.

State-dict names are the contract with the C# model: ``feature_extractor.head.weight``,
``feature_extractor.backbone.0.conv1.weight``, ``downsample.conv.weight``, ``trunks.0.blocks.0.conv1.weight``,
``trunks.0.conv.weight``, ``branches.2.conv.bias``, ...; stream c uses ``branches[c]`` after ``trunks[c]``
(``trunks[0]`` when there is one trunk). Weight files are safetensors whose ``__metadata__`` holds the configuration
(``AdkNetConfig.to_metadata``), so a file explains itself; ``save``/``load`` here and ``AdkNet.Save``/``AdkNet.Load``
in C# read each other's files. The safetensors format is written by hand (json + struct) because Debian does not
package the ``safetensors`` module.
"""
from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from typing import Dict, Optional, Tuple

import torch
import torch.nn.functional as F
from torch import nn

GENERATOR_SHARING = ("per_channel", "shared_trunk", "single")
GENERATOR_BLOCKS = ("residual", "plain")
NORMALIZATIONS = ("two_stage", "sum_only", "min_max_only")
FORMAT = "adknet"
FORMAT_VERSION = "1"


@dataclass(frozen=True)
class AdkNetConfig:
    """Architecture of one ADK-Net model (one model per scale)."""

    scale: int
    features: int = 64
    kernel_size: Optional[int] = None  # None: the paper's 2 * scale + 1
    backbone_blocks: int = 4
    trunk_blocks: int = 3
    branch_blocks: int = 2
    generator_sharing: str = "per_channel"
    generator_blocks: str = "residual"
    normalization: str = "two_stage"
    field_aware: bool = False
    epsilon: float = 1e-6

    def __post_init__(self) -> None:
        if not 2 <= self.scale <= 8:
            raise ValueError(f"scale must be in [2, 8], got {self.scale}")
        if not 2 <= self.k <= 4 * self.scale + 2:
            raise ValueError(f"kernel_size must be in [2, {4 * self.scale + 2}], got {self.k}")
        if self.features < 1 or min(self.backbone_blocks, self.trunk_blocks, self.branch_blocks) < 0:
            raise ValueError("features must be positive and block counts non-negative")
        if self.generator_sharing not in GENERATOR_SHARING:
            raise ValueError(f"generator_sharing must be one of {GENERATOR_SHARING}")
        if self.generator_blocks not in GENERATOR_BLOCKS:
            raise ValueError(f"generator_blocks must be one of {GENERATOR_BLOCKS}")
        if self.normalization not in NORMALIZATIONS:
            raise ValueError(f"normalization must be one of {NORMALIZATIONS}")
        if not (self.epsilon > 0 and self.epsilon < float("inf")):
            raise ValueError("epsilon must be positive and finite")

    @property
    def k(self) -> int:
        """The kernel side actually used."""
        return self.kernel_size if self.kernel_size is not None else 2 * self.scale + 1

    @property
    def in_channels(self) -> int:
        return 5 if self.field_aware else 3

    @property
    def streams(self) -> Tuple[int, int]:
        """(trunks, branches) for the generator sharing."""
        return {"per_channel": (3, 3), "shared_trunk": (1, 3), "single": (1, 1)}[self.generator_sharing]

    def to_metadata(self) -> Dict[str, str]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "scale": str(self.scale),
            "kernel_size": str(self.k),
            "features": str(self.features),
            "backbone_blocks": str(self.backbone_blocks),
            "trunk_blocks": str(self.trunk_blocks),
            "branch_blocks": str(self.branch_blocks),
            "generator_sharing": self.generator_sharing,
            "generator_blocks": self.generator_blocks,
            "normalization": self.normalization,
            "field_aware": "true" if self.field_aware else "false",
            "epsilon": repr(float(self.epsilon)),
        }

    @staticmethod
    def from_metadata(meta: Dict[str, str]) -> "AdkNetConfig":
        if meta.get("format") != FORMAT:
            raise ValueError(f"not an ADK-Net weight file (metadata format = {meta.get('format')!r})")
        return AdkNetConfig(
            scale=int(meta["scale"]), features=int(meta["features"]), kernel_size=int(meta["kernel_size"]),
            backbone_blocks=int(meta["backbone_blocks"]), trunk_blocks=int(meta["trunk_blocks"]),
            branch_blocks=int(meta["branch_blocks"]), generator_sharing=meta["generator_sharing"],
            generator_blocks=meta["generator_blocks"], normalization=meta["normalization"],
            field_aware=meta["field_aware"] == "true", epsilon=float(meta["epsilon"]))


def conv3x3(in_channels: int, out_channels: int) -> nn.Conv2d:
    """3x3 convolution with reflection padding (the same as ReflectionPad2d(1) then an unpadded conv)."""
    return nn.Conv2d(in_channels, out_channels, 3, padding=1, padding_mode="reflect")


class ResidualBlock(nn.Module):
    """Fig. 2: reflpad-conv-ReLU-reflpad-conv plus the identity; no batch norm."""

    def __init__(self, features: int) -> None:
        super().__init__()
        self.conv1 = conv3x3(features, features)
        self.conv2 = conv3x3(features, features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.conv2(F.relu(self.conv1(x)))


class PlainBlock(nn.Module):
    """SimpleGen ablation: conv-ReLU-conv-ReLU, the residual block's convolutions without the identity."""

    def __init__(self, features: int) -> None:
        super().__init__()
        self.conv1 = conv3x3(features, features)
        self.conv2 = conv3x3(features, features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(self.conv2(F.relu(self.conv1(x))))


class FeatureExtractor(nn.Module):
    """III-B: head conv, backbone block of residual blocks, tail conv, all at HR resolution."""

    def __init__(self, in_channels: int, features: int, blocks: int) -> None:
        super().__init__()
        self.head = conv3x3(in_channels, features)
        self.backbone = nn.Sequential(*[ResidualBlock(features) for _ in range(blocks)])
        self.tail = conv3x3(features, features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.tail(self.backbone(self.head(x)))


class FeatureDownsampling(nn.Module):
    """III-C, eq. (1): F_LR = Conv(PixelUnshuffle(F_HR))."""

    def __init__(self, features: int, scale: int) -> None:
        super().__init__()
        self.scale = scale
        self.conv = conv3x3(features * scale * scale, features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv(F.pixel_unshuffle(x, self.scale))


class GeneratorStage(nn.Module):
    """A trunk (III-D, blocks then C -> C conv) or a branch (blocks then C -> k*k conv)."""

    def __init__(self, features: int, blocks: int, out_channels: int, plain: bool) -> None:
        super().__init__()
        block = PlainBlock if plain else ResidualBlock
        self.blocks = nn.Sequential(*[block(features) for _ in range(blocks)])
        self.conv = conv3x3(features, out_channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv(self.blocks(x))


def kernel_window(scale: int, k: int) -> Tuple[int, int, int]:
    """(offset, pad_before, pad_after): tap j of LR index x reads HR index x*scale + offset + j."""
    offset = (scale - k) // 2  # floor division, also for negative values
    return offset, max(0, -offset), max(0, offset + k - scale)


def window_padded(image: torch.Tensor, scale: int, k: int) -> torch.Tensor:
    """The image as the taps see it: padded row r is HR row r + offset (reflection padding for a negative offset, the
    first offset rows and columns skipped for a positive one, k < s - 1), so tap i of LR row y reads y*s + offset + i."""
    offset, before, after = kernel_window(scale, k)
    padded = F.pad(image, (before, after, before, after), mode="reflect")
    skip = max(0, offset)
    return padded[:, :, skip:, skip:]


def normalize_kernels(raw: torch.Tensor, mode: str, eps: float, dim: int = 2) -> torch.Tensor:
    """III-E over ``dim`` (the k*k taps): min-max with eps, then sum-to-one with eps (or one stage only)."""
    if mode in ("two_stage", "min_max_only"):
        low = raw.amin(dim=dim, keepdim=True)
        high = raw.amax(dim=dim, keepdim=True)
        raw = (raw - low) / (high - low + eps)
    if mode in ("two_stage", "sum_only"):
        raw = raw / (raw.sum(dim=dim, keepdim=True) + eps)
    return raw


def kernel_patches(image: torch.Tensor, scale: int, k: int) -> torch.Tensor:
    """(N, C, k*k, h, w): patch tap t = i*k + j of LR pixel (y, x) is HR (y*s + offset + i, x*s + offset + j), reflected.

    Stacks k*k strided slices of the reflection-padded image; equal to F.unfold without its fold backward.
    """
    n, c, height, width = image.shape
    h, w = height // scale, width // scale
    padded = window_padded(image, scale, k)
    taps = []
    for i in range(k):
        for j in range(k):
            taps.append(padded[:, :, i:i + (h - 1) * scale + 1:scale, j:j + (w - 1) * scale + 1:scale])
    return torch.stack(taps, dim=2)


def apply_kernels(image: torch.Tensor, kernels: torch.Tensor, scale: int, k: int) -> torch.Tensor:
    """III-F, eq. (5): (N, 3, H, W) and (N, G, k*k, h, w) kernels (G = 3, or 1 for all channels) -> (N, 3, h, w).

    The same three paths as the C# KernelApplication, so benchmarks compare like with like: without autograd the taps
    are accumulated in place (no patch tensor); with a gradient to the kernels only, stacked strided slices; with a
    gradient to the image too, F.unfold (its fold backward beats k*k slice backwards).
    """
    if not torch.is_grad_enabled() or not (image.requires_grad or kernels.requires_grad):
        n, c, height, width = image.shape
        h, w = height // scale, width // scale
        padded = window_padded(image, scale, k)
        result = image.new_zeros((n, c, h, w))
        for i in range(k):
            for j in range(k):
                tap = padded[:, :, i:i + (h - 1) * scale + 1:scale, j:j + (w - 1) * scale + 1:scale]
                result.addcmul_(tap, kernels[:, :, i * k + j])
        return result
    if image.requires_grad:
        return apply_kernels_unfold(image, kernels, scale, k)
    return (kernel_patches(image, scale, k) * kernels).sum(dim=2)


def apply_kernels_unfold(image: torch.Tensor, kernels: torch.Tensor, scale: int, k: int) -> torch.Tensor:
    """``apply_kernels`` through F.unfold (im2col): the path for a differentiable image, and an independent check."""
    n, c, height, width = image.shape
    h, w = height // scale, width // scale
    padded = window_padded(image, scale, k)
    patches = F.unfold(padded, k, stride=scale).view(n, c, k * k, h, w)
    return (patches * kernels).sum(dim=2)


class AdkNet(nn.Module):
    """ADK-Net for one integer scale; input (N, 3, H, W) RGB in [0, 1] (or (N, 5, H, W) when field-aware)."""

    def __init__(self, config: AdkNetConfig) -> None:
        super().__init__()
        self.config = config
        c, k = config.features, config.k
        plain = config.generator_blocks == "plain"
        trunks, branches = config.streams
        self.feature_extractor = FeatureExtractor(config.in_channels, c, config.backbone_blocks)
        self.downsample = FeatureDownsampling(c, config.scale)
        self.trunks = nn.ModuleList([GeneratorStage(c, config.trunk_blocks, c, plain) for _ in range(trunks)])
        self.branches = nn.ModuleList([GeneratorStage(c, config.branch_blocks, k * k, plain) for _ in range(branches)])

    @property
    def receptive_field_radius(self) -> int:
        """HR pixels of context beyond an output pixel's s x s block that the output depends on."""
        cfg = self.config
        lr_convs = 1 + (2 * cfg.trunk_blocks + 1) + (2 * cfg.branch_blocks + 1)
        hr_convs = 2 + 2 * cfg.backbone_blocks
        offset, before, after = kernel_window(cfg.scale, cfg.k)
        return max(lr_convs * cfg.scale + hr_convs, before, after)

    def predict_kernels(self, x: torch.Tensor) -> torch.Tensor:
        """Normalised kernels (N, G, k*k, h, w), G = 3 streams (1 for "single")."""
        features = self.downsample(self.feature_extractor(x))
        embeddings = [trunk(features) for trunk in self.trunks]
        raw = torch.stack([branch(embeddings[min(i, len(embeddings) - 1)]) for i, branch in enumerate(self.branches)], 1)
        return normalize_kernels(raw, self.config.normalization, self.config.epsilon)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return apply_kernels(x[:, :3], self.predict_kernels(x), self.config.scale, self.config.k)


def field_coordinates(height: int, width: int) -> torch.Tensor:
    """(2, H, W): normalised x, then y, of each pixel centre of a full H x W image, (2 i + 1) / n - 1."""
    xs = (2 * torch.arange(width, dtype=torch.float32) + 1) / width - 1
    ys = (2 * torch.arange(height, dtype=torch.float32) + 1) / height - 1
    return torch.stack([xs.expand(height, width), ys[:, None].expand(height, width)])


# --- safetensors, by hand -------------------------------------------------------------------------------------------
_DTYPES = {torch.float32: ("F32", "<f4"), torch.float64: ("F64", "<f8"), torch.int64: ("I64", "<i8")}
_NAMES = {name: (dtype, code) for dtype, (name, code) in _DTYPES.items()}


def save_safetensors(path, tensors: Dict[str, torch.Tensor], metadata: Optional[Dict[str, str]] = None) -> None:
    """Writes the safetensors format: u64 header length, JSON header, 8-byte aligned raw little-endian data."""
    header: Dict[str, object] = {}
    if metadata:
        header["__metadata__"] = dict(metadata)
    blobs, offset = [], 0
    for name, tensor in tensors.items():
        dtype_name, code = _DTYPES[tensor.dtype]
        data = tensor.detach().cpu().contiguous().numpy().astype(code).tobytes()
        header[name] = {"dtype": dtype_name, "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as stream:
        stream.write(struct.pack("<Q", len(text)))
        stream.write(text)
        for blob in blobs:
            stream.write(blob)


def load_safetensors(path) -> Tuple[Dict[str, torch.Tensor], Dict[str, str]]:
    """Reads what ``save_safetensors`` (or Python's safetensors, or the C# SafetensorsFile) writes."""
    import numpy as np

    with open(path, "rb") as stream:
        raw = stream.read()
    (length,) = struct.unpack_from("<Q", raw, 0)
    header = json.loads(raw[8:8 + length])
    metadata = header.pop("__metadata__", {}) or {}
    start, tensors = 8 + length, {}
    for name, entry in header.items():
        dtype, code = _NAMES[entry["dtype"]]
        begin, end = entry["data_offsets"]
        array = np.frombuffer(raw[start + begin:start + end], dtype=code).reshape(entry["shape"])
        tensors[name] = torch.from_numpy(array.copy()).to(dtype)
    return tensors, metadata


def save(model: AdkNet, path) -> None:
    """Weights plus the configuration as metadata, readable by AdkNet.Load in C#."""
    save_safetensors(path, model.state_dict(), model.config.to_metadata())


def load(path) -> AdkNet:
    """A model from a file written by ``save`` or by AdkNet.Save in C#; strict about names and shapes."""
    tensors, metadata = load_safetensors(path)
    model = AdkNet(AdkNetConfig.from_metadata(metadata))
    model.load_state_dict(tensors, strict=True)
    return model
