#!/usr/bin/env python3
"""Export an official SAM 2 / SAM 2.1 checkpoint to a SAM2Long Roto model directory.

    python3 export_sam2.py --checkpoint sam2.1_hiera_tiny.pt \
        --config configs/sam2.1/sam2.1_hiera_t.yaml --out models/sam2.1_hiera_tiny

The result honours docs/model-contract.md (format ``sam2long-model/1``): four ONNX graphs
(image_encoder, memory_attention, mask_decoder, memory_encoder), host_tensors.json and
manifest.json with a SHA-256 per file.

This script does not contain SAM 2 code. It imports the official ``sam2`` package (install it
from its repository or PyPI; Apache-2.0), builds the model from its config with
``sam2.build_sam.build_sam2`` on the CPU, and wraps the official modules in small adapters that
present the contract's inputs and outputs. Three things in the official code do not export to
ONNX with every torch version, so while exporting they are replaced by functions written here
from the maths:
  * rotary position encoding (complex numbers) -> real cos/sin rotation, tables taken from the
    official module's own ``compute_cis``;
  * ``F.scaled_dot_product_attention`` (torch >= 2.0 only) -> softmax(q k^T / sqrt(d)) v;
  * ``Tensor.tile`` -> ``Tensor.repeat``.
By default attention is computed tile by tile over the queries (``--attention-tile``, exact: each
tile computes softmax(q_tile k^T / sqrt(d)) v and the tiles are concatenated), so no
queries x keys score matrix is ever alive in full; the manifest's ``attention`` records it.
No GPU is needed.
"""
import argparse
import contextlib
import datetime
import hashlib
import inspect
import json
import math
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

FORMAT = "sam2long-model/1"
OPSET = 17
NO_OBJ_SCORE = -1024.0  # the value SAM 2 writes into masks of absent objects

# Official models: name -> config inside the sam2 package
OFFICIAL = {
    "sam2.1_hiera_tiny": "configs/sam2.1/sam2.1_hiera_t.yaml",
    "sam2.1_hiera_small": "configs/sam2.1/sam2.1_hiera_s.yaml",
    "sam2.1_hiera_base_plus": "configs/sam2.1/sam2.1_hiera_b+.yaml",
    "sam2.1_hiera_large": "configs/sam2.1/sam2.1_hiera_l.yaml",
}


# --------------------------------------------------------------------------------------------
# Replacements used while exporting (written for this project)
# --------------------------------------------------------------------------------------------

def matmul_attention(query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None):
    """softmax(q k^T * scale) v, the plain definition of scaled dot-product attention."""
    if attn_mask is not None or is_causal:
        raise NotImplementedError("the SAM 2 export only needs unmasked attention")
    s = scale if scale is not None else 1.0 / math.sqrt(query.shape[-1])
    weights = torch.softmax(torch.matmul(query, key.transpose(-2, -1)) * s, dim=-1)
    if dropout_p > 0.0:
        weights = F.dropout(weights, p=dropout_p)
    return torch.matmul(weights, value)


def query_tiled_attention(tile):
    """Scaled dot-product attention computed over query tiles of `tile` rows: each tile's
    softmax(q_tile k^T * scale) v is exact (softmax runs over the keys only), and the tiles are
    concatenated, so the exported graph never holds a queries x keys score matrix in full, only
    one [.., tile, keys] block at a time. tile <= 0, or no more queries than `tile`, is the plain
    formula. The query count is static in every contract graph where it exceeds a tile (image
    grid, Hiera windows, 4*h*w image tokens in the mask decoder)."""

    def attention(query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None):
        n = int(query.shape[-2])
        if tile <= 0 or n <= tile:
            return matmul_attention(query, key, value, attn_mask, dropout_p, is_causal, scale)
        parts = [matmul_attention(query[..., i:min(i + tile, n), :], key, value, attn_mask, dropout_p,
                                  is_causal, scale)
                 for i in range(0, n, tile)]
        return torch.cat(parts, dim=-2)

    return attention


# bound on one tile's score matrix per batch item (float32), at the largest key count
ATTENTION_TILE_BYTES = 64 << 20


def auto_attention_tile(model):
    """The largest power of two `t` such that one tile's scores in memory attention's
    cross-attention, heads x t x (largest key count) float32 per batch item, fit in
    ATTENTION_TILE_BYTES. The largest key count is a full memory bank plus every pointer token:
    num_maskmem * h * w + max_obj_ptrs * (d / m). The same tile serves the other graphs, whose
    key counts are smaller (Hiera global attention: heads x t x h'w' <= the same bound for
    the official sizes)."""
    z = sizes_of(model)
    heads = int(model.memory_attention.layers[0].cross_attn_image.num_heads)
    keys = int(model.num_maskmem) * z["h"] * z["w"] + int(model.max_obj_ptrs_in_encoder) * (z["d"] // z["m"])
    t = 1
    while heads * (2 * t) * keys * 4 <= ATTENTION_TILE_BYTES:
        t *= 2
    return t


def attention_label(tile, queries, key_chunk=0):
    """The manifest's "attention" value: "query-tiled/<tile>" or "full", with "+key-chunked/<c>"
    appended when memory attention's cross-attention processes its keys in chunks of c."""
    base = f"query-tiled/{tile}" if 0 < tile < queries else "full"
    return base + (f"+key-chunked/{key_chunk}" if key_chunk > 0 else "")


@torch.jit.script
def _rotate_script(x, cos, sin):
    """rotate() for TorchScript: x [B, H, L, D], cos/sin [L, D/2]."""
    b, h, n, d = x.shape[0], x.shape[1], x.shape[2], x.shape[3]
    pairs = x.reshape(b, h, n, d // 2, 2)
    a, c = pairs[..., 0], pairs[..., 1]
    return torch.stack((a * cos - c * sin, a * sin + c * cos), dim=-1).reshape(b, h, n, d)


@torch.jit.script
def key_chunked_attention(q, k_mem_in, v_mem_in, k_ptr, v_ptr, wk, bk, wv, bv, cos, sin,
                          heads: int, chunk: int, scale: float):
    """Memory attention's cross-attention with the spatial memory keys processed `chunk` tokens at
    a time (an ONNX Loop over the dynamic key count): per chunk, project keys and values, rotate
    the keys (the frame-grid table at the chunk's offset in its frame), score the queries against
    them and fold them into an online softmax (running max m, running sum l, accumulator rescaled
    by exp(m_old - m_new)). The unrotated pointer keys come last. Exact up to float rounding, and
    no full-key-length key, value or score tensor is alive at once.
    q [B, H, Q, D] (rotated); k_mem_in / v_mem_in [B, N*hw, C] (key input already scaled);
    k_ptr / v_ptr [B, H, P, D] (projected; P may be 0); cos/sin [hw, D/2]; chunk divides hw;
    scale: 1/sqrt(D), as the plain attention uses."""
    b, nq, dh = q.shape[0], q.shape[2], q.shape[3]
    hw = cos.shape[0]
    per_frame = hw // chunk
    n = k_mem_in.shape[1] // chunk
    m = torch.zeros_like(q[:, :, :, :1]) - 1.0e30
    l = torch.zeros_like(m)
    acc = torch.zeros_like(q)
    for i in range(n):
        s0 = i * chunk
        t0 = (i % per_frame) * chunk
        k = F.linear(k_mem_in[:, s0:s0 + chunk], wk, bk)
        k = k.reshape(b, chunk, heads, dh).transpose(1, 2)
        k = _rotate_script(k, cos[t0:t0 + chunk], sin[t0:t0 + chunk])
        v = F.linear(v_mem_in[:, s0:s0 + chunk], wv, bv).reshape(b, chunk, heads, dh).transpose(1, 2)
        s = torch.matmul(q, k.transpose(-2, -1)) * scale
        m_new = torch.maximum(m, torch.amax(s, dim=-1, keepdim=True))
        alpha = torch.exp(m - m_new)
        p = torch.exp(s - m_new)
        l = l * alpha + torch.sum(p, dim=-1, keepdim=True)
        acc = acc * alpha + torch.matmul(p, v)
        m = m_new
    # pointer keys (none is allowed): a leading zero column / zero value row keeps every
    # reduction and product non-empty and adds nothing
    s = torch.matmul(q, k_ptr.transpose(-2, -1)) * scale
    m_new = torch.maximum(m, torch.amax(torch.cat((m, s), dim=-1), dim=-1, keepdim=True))
    alpha = torch.exp(m - m_new)
    p = torch.exp(s - m_new)
    zero = torch.zeros_like(m)
    l = l * alpha + torch.sum(torch.cat((zero, p), dim=-1), dim=-1, keepdim=True)
    v0 = torch.zeros_like(v_ptr[:, :, :1])
    acc = acc * alpha + torch.matmul(torch.cat((zero, p), dim=-1), torch.cat((v0, v_ptr), dim=2))
    return acc / l


def tile_via_repeat(self, *dims):
    """Tensor.tile expressed with Tensor.repeat (tile pads missing leading dims with 1)."""
    if len(dims) == 1 and isinstance(dims[0], (list, tuple, torch.Size)):
        dims = tuple(dims[0])
    dims = tuple(int(d) for d in dims)
    if len(dims) < self.dim():
        dims = (1,) * (self.dim() - len(dims)) + dims
    return self.repeat(*dims)


if not hasattr(F, "scaled_dot_product_attention"):
    # torch < 2.0 (e.g. Debian's python3-torch 1.13): the official code calls it at run time.
    F.scaled_dot_product_attention = matmul_attention


@contextlib.contextmanager
def export_patches(attention_tile=0):
    """Swap in export-friendly functions for the duration of torch.onnx.export."""
    saved_sdpa = F.scaled_dot_product_attention
    saved_tile = torch.Tensor.tile
    F.scaled_dot_product_attention = query_tiled_attention(attention_tile)
    torch.Tensor.tile = tile_via_repeat
    try:
        yield
    finally:
        F.scaled_dot_product_attention = saved_sdpa
        torch.Tensor.tile = saved_tile


def rotary_tables(attn, h, w):
    """cos/sin tables [h*w, head_dim/2] of a RoPEAttention module, from its own compute_cis."""
    freqs = attn.freqs_cis.detach().to("cpu")
    if freqs.shape[0] != h * w:
        freqs = attn.compute_cis(end_x=w, end_y=h)
    return freqs.real.float().contiguous(), freqs.imag.float().contiguous()


def rotate(x, cos, sin):
    """Rotary encoding with real numbers: consecutive channel pairs (a, b) of x [..., L, D]
    rotate by the angle whose cos/sin are given per token and pair ([L, D/2])."""
    pairs = x.reshape(*x.shape[:-1], x.shape[-1] // 2, 2)
    a, b = pairs[..., 0], pairs[..., 1]
    return torch.stack((a * cos - b * sin, a * sin + b * cos), dim=-1).flatten(-2)


def split_heads(x, heads):
    b, n, c = x.shape
    return x.reshape(b, n, heads, c // heads).transpose(1, 2)


def merge_heads(x):
    b, heads, n, c = x.shape
    return x.transpose(1, 2).reshape(b, n, heads * c)


# --------------------------------------------------------------------------------------------
# Adapters: official modules behind the contract's inputs and outputs
# --------------------------------------------------------------------------------------------

class ImageEncoderGraph(nn.Module):
    """image -> features, feature_pos, high_res_0, high_res_1 (SAM2Base.forward_image, which
    already applies the mask decoder's conv_s0 / conv_s1 to the two high-resolution levels)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, image):
        out = self.model.forward_image(image)
        levels = self.model.num_feature_levels
        fpn = out["backbone_fpn"][-levels:]
        pos = out["vision_pos_enc"][-levels:]
        return fpn[-1], pos[-1], fpn[0], fpn[1]


class MemoryAttentionGraph(nn.Module):
    """Runs the official MemoryAttention's layers (their norms, projections and MLPs) with
    spatial memory and object-pointer tokens as separate inputs, so that
      * rotary encoding applies to the spatial memory keys only (the official code passes the
        pointer count as ``num_k_exclude_rope`` and leaves those trailing keys unrotated);
      * each key token's input (memory + memory_pos) is multiplied by its key scale before the
        key projection in every cross-attention layer (SAM2Long's object-aware modulation;
        all ones reproduces SAM 2 exactly). Values are not scaled.
    """

    def __init__(self, model, grid_h, grid_w):
        super().__init__()
        from sam2.modeling.sam.transformer import RoPEAttention

        self.attn = model.memory_attention
        if not getattr(self.attn, "batch_first", True):
            raise SystemExit("unsupported memory attention: batch_first=False")
        self.h, self.w = grid_h, grid_w
        self.key_chunk = 0  # > 0: cross-attention keys in chunks of this many tokens (online softmax)
        for i, layer in enumerate(self.attn.layers):
            for name in ("self_attn", "cross_attn_image"):
                mod = getattr(layer, name)
                if not isinstance(mod, RoPEAttention):
                    raise SystemExit(f"unsupported memory attention: layer {i} {name} is {type(mod).__name__}")
                cos, sin = rotary_tables(mod, grid_h, grid_w)
                # buffers become graph initializers (shared by every use; equal ones deduplicated)
                self.register_buffer(f"cos_{i}_{name}", cos)
                self.register_buffer(f"sin_{i}_{name}", sin)
            if not layer.cross_attn_image.rope_k_repeat:
                raise SystemExit("unsupported memory attention: cross-attention without rope_k_repeat")

    def _tables(self, i, name):
        return getattr(self, f"cos_{i}_{name}"), getattr(self, f"sin_{i}_{name}")

    @staticmethod
    def _attend(mod, q, k, v):
        out = F.scaled_dot_product_attention(q, k, v)  # patched to matmul_attention while exporting
        return mod.out_proj(merge_heads(out))

    def _self_attention(self, mod, cos, sin, q_in, k_in, v_in):
        heads = mod.num_heads
        q = rotate(split_heads(mod.q_proj(q_in), heads), cos, sin)
        k = rotate(split_heads(mod.k_proj(k_in), heads), cos, sin)
        v = split_heads(mod.v_proj(v_in), heads)
        return self._attend(mod, q, k, v)

    def _cross_attention(self, mod, cos, sin, q_in, k_mem_in, k_ptr_in, v_mem_in, v_ptr_in):
        heads = mod.num_heads
        hw = self.h * self.w
        q = rotate(split_heads(mod.q_proj(q_in), heads), cos, sin)
        if self.key_chunk > 0:
            k_ptr = split_heads(mod.k_proj(k_ptr_in), heads)
            v_ptr = split_heads(mod.v_proj(v_ptr_in), heads)
            out = key_chunked_attention(q, k_mem_in, v_mem_in, k_ptr, v_ptr,
                                        mod.k_proj.weight, mod.k_proj.bias, mod.v_proj.weight,
                                        mod.v_proj.bias, cos, sin, heads, self.key_chunk,
                                        1.0 / math.sqrt(int(q.shape[-1])))
            return mod.out_proj(merge_heads(out))
        k_mem = split_heads(mod.k_proj(k_mem_in), heads)  # [B, H, N, D]
        b, nh, _, dh = k_mem.shape
        # rotate each memory frame's h*w keys with the frame-grid table (rope_k_repeat)
        k_mem = rotate(k_mem.reshape(b, nh, -1, hw, dh), cos, sin).reshape(b, nh, -1, dh)
        k_ptr = split_heads(mod.k_proj(k_ptr_in), heads)  # pointer keys: no rotary encoding
        k = torch.cat((k_mem, k_ptr), dim=2)
        v = split_heads(mod.v_proj(torch.cat((v_mem_in, v_ptr_in), dim=1)), heads)
        return self._attend(mod, q, k, v)

    def forward(self, features, feature_pos, memory, memory_pos, pointers, pointer_pos,
                memory_key_scale, pointer_key_scale):
        batch = memory.shape[0]
        d = features.shape[1]
        curr = features.flatten(2).transpose(1, 2).expand(batch, -1, -1)  # [B, hw, d]
        curr_pos = feature_pos.flatten(2).transpose(1, 2).expand(batch, -1, -1)
        mem_scale = memory_key_scale.unsqueeze(-1)
        ptr_scale = pointer_key_scale.unsqueeze(-1)

        output = curr
        if self.attn.pos_enc_at_input:
            output = output + 0.1 * curr_pos
        for i, layer in enumerate(self.attn.layers):
            # self-attention (MemoryAttentionLayer._forward_sa); dropouts are identity in eval
            t = layer.norm1(output)
            qk = t + curr_pos if layer.pos_enc_at_attn else t
            cos, sin = self._tables(i, "self_attn")
            output = output + self._self_attention(layer.self_attn, cos, sin, qk, qk, t)
            # cross-attention to memory (MemoryAttentionLayer._forward_ca)
            t = layer.norm2(output)
            q = t + curr_pos if layer.pos_enc_at_cross_attn_queries else t
            if layer.pos_enc_at_cross_attn_keys:
                k_mem, k_ptr = memory + memory_pos, pointers + pointer_pos
            else:
                k_mem, k_ptr = memory, pointers
            cos, sin = self._tables(i, "cross_attn_image")
            output = output + self._cross_attention(
                layer.cross_attn_image, cos, sin, q,
                k_mem * mem_scale, k_ptr * ptr_scale, memory, pointers)
            # feed-forward
            t = layer.norm3(output)
            output = output + layer.linear2(layer.activation(layer.linear1(t)))
        output = self.attn.norm(output)
        return output.transpose(1, 2).reshape(batch, d, self.h, self.w)


class MaskDecoderGraph(nn.Module):
    """Prompt encoder + mask decoder returning all four mask tokens' outputs, post-processed as
    SAM2Base._forward_sam_heads does: masks of absent objects (object_score <= 0) set to
    NO_OBJ_SCORE, pointers through obj_ptr_proj and mixed with no_obj_ptr."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, conditioned, high_res_0, high_res_1, point_coords, point_labels,
                mask_input, has_mask_input):
        m = self.model
        batch = conditioned.shape[0]
        pe = m.sam_prompt_encoder
        # points are padded with one "not a point" inside the prompt encoder, as in SAM 2
        sparse, dense_no_mask = pe(points=(point_coords, point_labels), boxes=None, masks=None)
        _, dense_mask = pe(points=None, boxes=None, masks=mask_input)
        use_mask = (has_mask_input > 0.5).reshape(batch, 1, 1, 1)
        dense = torch.where(use_mask, dense_mask, dense_no_mask)
        masks, iou, tokens, object_score = m.sam_mask_decoder.predict_masks(
            image_embeddings=conditioned,
            image_pe=pe.get_dense_pe(),
            sparse_prompt_embeddings=sparse,
            dense_prompt_embeddings=dense,
            repeat_image=False,
            high_res_features=[high_res_0, high_res_1],
        )
        pointers = m.obj_ptr_proj(tokens)  # [B, 4, d]
        if m.pred_obj_scores:
            present = object_score > 0  # [B, 1]
            masks = torch.where(present[:, :, None, None], masks,
                                torch.full_like(masks, NO_OBJ_SCORE))
            if m.soft_no_obj_ptr:
                lam = object_score.sigmoid()
            else:
                lam = present.float()
            lam = lam[:, :, None]  # [B, 1, 1] over the four tokens
            if m.fixed_no_obj_ptr:
                pointers = lam * pointers
            pointers = pointers + (1 - lam) * m.no_obj_ptr
        return masks.float(), iou, object_score, pointers


class MemoryEncoderGraph(nn.Module):
    """features + prepared mask at S x S + object score -> memory, memory_pos
    (SAM2Base._encode_new_memory after the host's sigmoid/scale/bias step)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, features, mask_for_memory, object_score):
        m = self.model
        out = m.memory_encoder(features, mask_for_memory, skip_mask_sigmoid=True)
        memory = out["vision_features"]
        memory_pos = out["vision_pos_enc"][-1]
        if m.no_obj_embed_spatial is not None:
            absent = 1.0 - (object_score > 0).float()  # [B, 1]
            memory = memory + absent[:, :, None, None] * m.no_obj_embed_spatial[:, :, None, None]
        batch = mask_for_memory.shape[0]
        memory_pos = memory_pos.expand(batch, -1, -1, -1)
        return memory, memory_pos


class MaskPromptGraph(nn.Module):
    """What the reference's mask-prompt path (SAM2Base._use_mask_as_output) needs besides the mask
    decoder graph: `mask_downsample` (a 4x4, stride-4 conv) of the 0/1 mask at S x S, which is the
    dense mask prompt the decoder runs on to make the object pointer, and `no_obj_ptr`, the pointer
    of an empty mask (optional graph; see docs/model-contract.md)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, mask):
        m = self.model
        mask_input = m.mask_downsample(mask)
        no_object_pointer = m.no_obj_ptr.reshape(1, -1).expand(mask.shape[0], -1)
        return mask_input, no_object_pointer


def has_mask_prompt_path(model):
    """Whether the model conditions on a mask prompt as the mask_prompt graph + host expect:
    mask used as output, pointer from the heads on mask_downsample(mask), replaced by no_obj_ptr
    when the mask is empty (SAM 2.1: all true)."""
    return (bool(getattr(model, "use_mask_input_as_output_without_sam", False))
            and getattr(model, "mask_downsample", None) is not None
            and bool(model.pred_obj_scores) and bool(model.fixed_no_obj_ptr)
            and int(model.image_size) == 4 * 4 * (int(model.image_size) // int(model.backbone_stride)))


# --------------------------------------------------------------------------------------------
# Contract: names, shapes, sample inputs
# --------------------------------------------------------------------------------------------

def sizes_of(model):
    s = int(model.image_size)
    g = s // int(model.backbone_stride)
    d = int(model.hidden_dim)
    mdim = int(model.mem_dim)
    c0 = int(model.sam_mask_decoder.conv_s0.out_channels)
    c1 = int(model.sam_mask_decoder.conv_s1.out_channels)
    return dict(S=s, h=g, w=g, d=d, m=mdim, c0=c0, c1=c1, M=4 * g)


def contract(z):
    S, h, w, d, m, c0, c1, M = (z[k] for k in ("S", "h", "w", "d", "m", "c0", "c1", "M"))
    t = lambda name, *shape: (name, list(shape))
    return {
        "image_encoder": (
            [t("image", 1, 3, S, S)],
            [t("features", 1, d, h, w), t("feature_pos", 1, d, h, w),
             t("high_res_0", 1, c0, 4 * h, 4 * w), t("high_res_1", 1, c1, 2 * h, 2 * w)]),
        "memory_attention": (
            [t("features", 1, d, h, w), t("feature_pos", 1, d, h, w),
             t("memory", "B", "N", m), t("memory_pos", "B", "N", m),
             t("pointers", "B", "P", m), t("pointer_pos", "B", "P", m),
             t("memory_key_scale", "B", "N"), t("pointer_key_scale", "B", "P")],
            [t("conditioned", "B", d, h, w)]),
        "mask_decoder": (
            [t("conditioned", "B", d, h, w), t("high_res_0", 1, c0, 4 * h, 4 * w),
             t("high_res_1", 1, c1, 2 * h, 2 * w), t("point_coords", "B", "K", 2),
             t("point_labels", "B", "K"), t("mask_input", "B", 1, M, M), t("has_mask_input", "B", 1)],
            [t("mask_logits", "B", 4, M, M), t("iou", "B", 4), t("object_score", "B", 1),
             t("pointers", "B", 4, d)]),
        "memory_encoder": (
            [t("features", 1, d, h, w), t("mask_for_memory", "B", 1, S, S), t("object_score", "B", 1)],
            [t("memory", "B", m, h, w), t("memory_pos", "B", m, h, w)]),
        # optional: the reference's mask-prompt path (models without it approximate it)
        "mask_prompt": (
            [t("mask", "B", 1, S, S)],
            [t("mask_input", "B", 1, M, M), t("no_object_pointer", "B", d)]),
    }


def sample_inputs(specs, symbols, seed=0):
    """Random float32 inputs for a graph, symbolic dims taken from `symbols`."""
    g = torch.Generator().manual_seed(seed)
    out = []
    for name, shape in specs:
        dims = [symbols[x] if isinstance(x, str) else x for x in shape]
        if name == "point_labels":
            x = torch.randint(-1, 4, dims, generator=g).float()
        elif name == "point_coords":
            x = torch.rand(dims, generator=g) * symbols["S"]
        elif name in ("memory_key_scale", "pointer_key_scale"):
            x = 0.95 + 0.1 * torch.rand(dims, generator=g)
        elif name == "has_mask_input":
            x = (torch.rand(dims, generator=g) > 0.5).float()
        elif name == "object_score":
            x = torch.randn(dims, generator=g) * 4
        elif name == "mask_for_memory":
            x = torch.rand(dims, generator=g) * 20 - 10
        elif name == "mask":
            x = (torch.rand(dims, generator=g) > 0.5).float()
        else:
            x = torch.randn(dims, generator=g)
        out.append(x)
    return out


def build_adapters(model):
    z = sizes_of(model)
    return z, {
        "image_encoder": ImageEncoderGraph(model),
        "memory_attention": MemoryAttentionGraph(model, z["h"], z["w"]),
        "mask_decoder": MaskDecoderGraph(model),
        "memory_encoder": MemoryEncoderGraph(model),
        "mask_prompt": MaskPromptGraph(model),
    }


def export_graph(name, module, specs, z, path, attention_tile=0):
    inputs, outputs = specs
    # trace with sizes that differ from each other so no dynamic dim is mistaken for another
    trace_symbols = dict(z, B=2, N=2 * z["h"] * z["w"], P=8, K=3)
    args = tuple(sample_inputs(inputs, trace_symbols))
    dynamic = {}
    for n, shape in inputs + outputs:
        axes = {i: s for i, s in enumerate(shape) if isinstance(s, str)}
        if axes:
            dynamic[n] = axes
    # ONNX needs unique names per graph only; "pointers" is an input of memory_attention and
    # an output of mask_decoder, never both in one graph.
    extra = {}
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        extra["dynamo"] = False  # the TorchScript exporter (newer torch defaults to dynamo)
    with export_patches(attention_tile), torch.no_grad():
        torch.onnx.export(
            module, args, path,
            input_names=[n for n, _ in inputs],
            output_names=[n for n, _ in outputs],
            dynamic_axes=dynamic,
            opset_version=OPSET,
            do_constant_folding=True,
            **extra,
        )
    fix_io_shapes(path, specs)


def fix_io_shapes(path, specs):
    """Write the contract's exact shapes on the graph's inputs and outputs (the engine's loader
    compares them with the manifest), then check the model."""
    import onnx

    model = onnx.load(path)
    want = {n: s for n, s in specs[0] + specs[1]}
    for vi in list(model.graph.input) + list(model.graph.output):
        if vi.name not in want:
            continue
        shape = want[vi.name]
        dims = vi.type.tensor_type.shape.dim
        if len(dims) != len(shape):
            raise SystemExit(f"{path}: {vi.name} has rank {len(dims)}, contract says {shape}")
        for dim, s in zip(dims, shape):
            if isinstance(s, str):
                dim.ClearField("dim_value")
                dim.dim_param = s
            else:
                if dim.HasField("dim_value") and dim.dim_value not in (0, s):
                    raise SystemExit(f"{path}: {vi.name} traced as {dim.dim_value}, contract says {s}")
                dim.ClearField("dim_param")
                dim.dim_value = s
    names = {vi.name for vi in model.graph.input} | {vi.name for vi in model.graph.output}
    missing = set(want) - names
    if missing:
        raise SystemExit(f"{path}: graph lacks {sorted(missing)} (an input the trace did not use?)")
    onnx.checker.check_model(model)
    onnx.save(model, path)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def host_tensors(model):
    def entry(t):
        t = t.detach().float().cpu().contiguous()
        return t

    num_maskmem = int(model.num_maskmem)
    m, d = int(model.mem_dim), int(model.hidden_dim)
    tpos = entry(model.maskmem_tpos_enc).reshape(num_maskmem, m)
    no_mem = entry(model.no_mem_embed).reshape(d)
    proj = model.obj_ptr_tpos_proj
    if not isinstance(proj, nn.Linear):
        raise SystemExit("unsupported model: obj_ptr_tpos_proj is not a Linear "
                         "(the contract needs proj_tpos_enc_in_obj_ptrs=true)")
    w = entry(proj.weight).reshape(m, d)
    b = entry(proj.bias).reshape(m)
    pack = lambda t: {"shape": list(t.shape), "data": [float(x) for x in t.flatten().tolist()]}
    return {
        "maskmem_tpos_enc": pack(tpos),
        "no_mem_embed": pack(no_mem),
        "obj_ptr_tpos_proj_weight": pack(w),
        "obj_ptr_tpos_proj_bias": pack(b),
    }


def check_supported(model):
    problems = []
    if not model.use_high_res_features_in_sam:
        problems.append("use_high_res_features_in_sam=false (the contract has two high-res maps)")
    if not model.use_obj_ptrs_in_encoder:
        problems.append("use_obj_ptrs_in_encoder=false")
    if not model.directly_add_no_mem_embed:
        problems.append("directly_add_no_mem_embed=false (the host adds no_mem_embed)")
    if not model.add_tpos_enc_to_obj_ptrs or not model.proj_tpos_enc_in_obj_ptrs:
        problems.append("object pointers without projected temporal encoding")
    if model.image_size % model.backbone_stride:
        problems.append("image_size not a multiple of backbone_stride")
    if model.hidden_dim % model.mem_dim:
        problems.append("feature channels not a multiple of memory channels")
    if problems:
        raise SystemExit("this SAM 2 configuration does not fit the model contract: " + "; ".join(problems))


def load_model(config, checkpoint, random_init, seed):
    from sam2.build_sam import build_sam2  # the official package

    torch.manual_seed(seed)
    ckpt = None if random_init else checkpoint
    model = build_sam2(config, ckpt, device="cpu", mode="eval")
    model.eval()
    return model


def write_model(model, out_dir, name, config, checkpoint_info, log=print, attention_tile=-1, key_chunk=0):
    """attention_tile: queries per attention tile; -1 chooses it (auto_attention_tile), 0 exports
    the plain full-matrix attention. key_chunk > 0: memory attention's cross-attention processes
    its memory keys in chunks of that many tokens with an online softmax (must divide h*w)."""
    check_supported(model)
    os.makedirs(out_dir, exist_ok=True)
    if attention_tile < 0:
        attention_tile = auto_attention_tile(model)
    z, adapters = build_adapters(model)
    if key_chunk > 0:
        if (z["h"] * z["w"]) % key_chunk:
            raise SystemExit(f"--key-chunk {key_chunk} must divide the memory frame's {z['h'] * z['w']} tokens")
        adapters["memory_attention"].key_chunk = key_chunk
    attention = attention_label(attention_tile, z["h"] * z["w"], key_chunk)
    log(f"attention: {attention}")
    specs = contract(z)
    graphs = {}
    names = ["image_encoder", "memory_attention", "mask_decoder", "memory_encoder"]
    if has_mask_prompt_path(model):
        names.append("mask_prompt")
    else:
        log("no mask_prompt graph: this configuration does not use the mask as output with a pointer "
            "through mask_downsample; the engine will approximate mask prompts")
    for gname in names:
        path = os.path.join(out_dir, gname + ".onnx")
        t0 = time.time()
        export_graph(gname, adapters[gname].eval(), specs[gname], z, path, attention_tile)
        log(f"exported {gname}.onnx in {time.time() - t0:.1f} s ({os.path.getsize(path) / 1e6:.1f} MB)")
        tensor_list = lambda items: [{"name": n, "shape": s, "dtype": "float32"} for n, s in items]
        graphs[gname] = {
            "file": gname + ".onnx",
            "sha256": sha256(path),
            "inputs": tensor_list(specs[gname][0]),
            "outputs": tensor_list(specs[gname][1]),
        }
    host_path = os.path.join(out_dir, "host_tensors.json")
    with open(host_path, "w") as f:
        json.dump(host_tensors(model), f)
    manifest = build_manifest(model, z, name, config, checkpoint_info, graphs, sha256(host_path), attention)
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return manifest


def add_mask_prompt(model, out_dir, log=print):
    """Exports only the optional mask_prompt graph into an existing model directory made from the
    same weights and adds it to its manifest; the other files are not touched (manifest.json is
    rewritten through a temporary file)."""
    manifest_path = os.path.join(out_dir, "manifest.json")
    if not os.path.isfile(manifest_path):
        raise SystemExit(f"{out_dir} has no manifest.json (not a model directory)")
    if not has_mask_prompt_path(model):
        raise SystemExit("this configuration has no mask-prompt path to export (see has_mask_prompt_path)")
    with open(manifest_path) as f:
        manifest = json.load(f)
    z, adapters = build_adapters(model)
    if manifest["image_size"] != z["S"] or manifest["mask_size"] != z["M"] or manifest["feature_channels"] != z["d"]:
        raise SystemExit(f"{manifest_path} describes another model (sizes differ from --config)")
    specs = contract(z)
    path = os.path.join(out_dir, "mask_prompt.onnx")
    export_graph("mask_prompt", adapters["mask_prompt"].eval(), specs["mask_prompt"], z, path)
    tensor_list = lambda items: [{"name": n, "shape": s, "dtype": "float32"} for n, s in items]
    manifest["graphs"]["mask_prompt"] = {"file": "mask_prompt.onnx", "sha256": sha256(path),
                                         "inputs": tensor_list(specs["mask_prompt"][0]),
                                         "outputs": tensor_list(specs["mask_prompt"][1])}
    tmp = manifest_path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    os.replace(tmp, manifest_path)
    log(f"added mask_prompt.onnx ({os.path.getsize(path)} bytes) to {out_dir}")


def build_manifest(model, z, name, config, checkpoint_info, graphs, host_sha256, attention):
    """The contract's manifest.json as a dict (graphs: name -> file, sha256, inputs, outputs)."""
    dec = model.sam_mask_decoder
    manifest = {
        "format": FORMAT,
        "name": name,
        "description": f"SAM 2 exported from {checkpoint_info} with config {config}",
        "licence": "Apache-2.0",
        "image_size": z["S"],
        "image_mean": [0.485, 0.456, 0.406],
        "image_std": [0.229, 0.224, 0.225],
        "feature_grid": [z["h"], z["w"]],
        "feature_channels": z["d"],
        "memory_channels": z["m"],
        "high_res_channels": [z["c0"], z["c1"]],
        "mask_size": z["M"],
        "num_maskmem": int(model.num_maskmem),
        "max_obj_ptrs": int(model.max_obj_ptrs_in_encoder),
        "sigmoid_scale": float(model.sigmoid_scale_for_mem_enc),
        "sigmoid_bias": float(model.sigmoid_bias_for_mem_enc),
        # the official video predictor turns this on for every model (build_sam2_video_predictor)
        "binarize_mask_from_points": True,
        "multimask_stability_delta": float(dec.dynamic_multimask_stability_delta),
        "multimask_stability_thresh": float(dec.dynamic_multimask_stability_thresh),
        # the official video predictor's fill_hole_area
        "fill_hole_area": 8,
        "graphs": graphs,
        "host_tensors": {"file": "host_tensors.json", "sha256": host_sha256},
        # informative (the engine ignores keys it does not know)
        # how the graphs compute attention: "full" (softmax(q k^T/sqrt(d)) v with the whole score
        # matrix) or "query-tiled/<t>" (the same, t queries at a time; exact)
        "attention": attention,
        "sam2_config": config,
        "multimask_output_in_sam": bool(model.multimask_output_in_sam),
        "multimask_output_for_tracking": bool(model.multimask_output_for_tracking),
        "multimask_min_pt_num": int(model.multimask_min_pt_num),
        "multimask_max_pt_num": int(model.multimask_max_pt_num),
        "use_multimask_token_for_obj_ptr": bool(model.use_multimask_token_for_obj_ptr),
        "exported": {
            "by": "engine/tooling/export_sam2/export_sam2.py",
            "torch": torch.__version__,
            "opset": OPSET,
            "date": datetime.date.today().isoformat(),
        },
    }
    return manifest


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--checkpoint", help="official checkpoint, e.g. sam2.1_hiera_tiny.pt")
    p.add_argument("--config", help="config inside the sam2 package, e.g. configs/sam2.1/sam2.1_hiera_t.yaml "
                                    "(default: from the checkpoint's file name)")
    p.add_argument("--out", required=True, help="model directory to write")
    p.add_argument("--name", help="model name for the manifest (default: the output directory's name)")
    p.add_argument("--random-init", action="store_true",
                   help="no checkpoint: export a randomly initialised model (for testing the exporter)")
    p.add_argument("--seed", type=int, default=0, help="seed for --random-init")
    p.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    p.add_argument("--attention-tile", type=int, default=-1,
                   help="queries per attention tile (exact; bounds the score matrix held at once); "
                        "-1 (default): the largest power of two whose memory-attention score tile is "
                        "<= 64 MB per batch item at a full memory bank; 0: full score matrix (old exports)")
    p.add_argument("--key-chunk", type=int, default=0,
                   help="memory attention's cross-attention: project, rotate and attend to the memory keys "
                        "this many tokens at a time, combined with an online softmax (exact; an ONNX Loop, "
                        "so no full-key-length K/V/score tensor is alive); must divide h*w; 0 (default): off")
    p.add_argument("--weightless", action="store_true",
                   help="write the four graphs without weights plus conversion.json (the table the "
                        "installer's Java converter uses to put a checkpoint's weights in); built "
                        "from --config with random weights, no checkpoint needed (see weightless.py)")
    p.add_argument("--no-self-check", action="store_true",
                   help="with --weightless: skip re-exporting with other random weights to prove the table")
    p.add_argument("--add-mask-prompt", action="store_true",
                   help="only export the optional mask_prompt graph into the existing model directory --out "
                        "(made from the same checkpoint) and add it to its manifest; other files untouched. "
                        "With --weightless: add it to existing weightless graphs and their conversion.json")
    a = p.parse_args(argv)

    if a.threads > 0:
        torch.set_num_threads(a.threads)
    if a.weightless:
        if not a.config:
            p.error("--weightless needs --config")
        import weightless

        t0 = time.time()
        if a.add_mask_prompt:
            weightless.add_mask_prompt(a.config, a.out, seed=a.seed, self_check=not a.no_self_check)
            print(f"added mask_prompt to {a.out} in {time.time() - t0:.1f} s")
            return 0
        weightless.write_weightless(a.config, a.out, a.name or os.path.basename(os.path.normpath(a.out)),
                                    seed=a.seed, attention_tile=a.attention_tile,
                                    self_check=not a.no_self_check)
        print(f"wrote {a.out} in {time.time() - t0:.1f} s")
        return 0
    if not a.random_init and not a.checkpoint:
        p.error("give --checkpoint, or --random-init to test the exporter")
    config = a.config
    if config is None:
        stem = os.path.splitext(os.path.basename(a.checkpoint or ""))[0]
        config = OFFICIAL.get(stem)
        if config is None:
            p.error("--config is needed (the checkpoint's name is not one of " + ", ".join(OFFICIAL) + ")")
    if a.checkpoint and not a.random_init and not os.path.isfile(a.checkpoint):
        p.error(f"checkpoint {a.checkpoint} does not exist")
    name = a.name or os.path.basename(os.path.normpath(a.out))
    t0 = time.time()
    model = load_model(config, a.checkpoint, a.random_init, a.seed)
    info = f"random initialisation (seed {a.seed})" if a.random_init else os.path.basename(a.checkpoint)
    print(f"built {config} from {info} in {time.time() - t0:.1f} s")
    if a.add_mask_prompt:
        add_mask_prompt(model, a.out)
        return 0
    write_model(model, a.out, name, config, info, attention_tile=a.attention_tile, key_chunk=a.key_chunk)
    print(f"wrote {a.out} in {time.time() - t0:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
