#!/usr/bin/env python3
"""Peak device memory of SAM 2.1 on a GPU, on paper (issue 19).

Estimates, for each SAM 2.1 size, the device memory that the project's four exported graphs need
when ONNX Runtime runs them with the CUDA provider, from the graphs' tensor sizes alone:

  * weights: float32 parameters of the four graphs (counted from the architecture; `--check DIR`
    compares with the float initializers of an export);
  * the image encoder's activations (one frame, batch 1): the live tensors of the largest Hiera
    block, the FPN neck and the stage outputs kept for it;
  * memory attention per batch item, with the full score matrix or query-tiled (`tile` queries at
    a time, the exporter's default 512), at a full memory bank (7 spatial memories + 16 pointers);
  * the mask decoder's and memory encoder's activations per batch item;
  * the memory bank (host memory in this engine: it lives in Java arrays and only the current
    call's copy reaches the device, counted in that call's inputs).

Peak device memory = runtime overhead (CUDA context, cuBLAS/cuDNN workspaces; an assumed constant)
+ weights + the largest single graph call (ONNX Runtime's arena keeps its peak block; graph calls
run one after another). The batch of a memory-attention / decoder / memory-encoder call is
objects x distinct pathways (worst case: every pathway distinct). Live tensors are counted as
"what a good memory planner must hold at the worst node"; ONNX Runtime's BFC arena rounds its
growth to powers of two by default (arena_extend_strategy kNextPowerOfTwo), so the real arena can
be up to ~2x the activation figure; the last column gives that bound.

No torch needed: python3 engine/tooling/gpu_memory/gpu_memory.py [--tile 512] [--check EXPORT_DIR]
"""
import argparse
import math
import os
import sys

F = 4  # bytes per float32
MB = 1024 * 1024
GB = 1024 * MB

# SAM 2.1 trunks (configs/sam2.1/sam2.1_hiera_*.yaml; Hiera defaults where a config omits a key)
SIZES = {
    "tiny": dict(embed=96, heads=1, stages=(1, 2, 7, 2), glob=(5, 7, 9), win=(8, 4, 14, 7), bkg=(7, 7),
                 published_params=38.9e6),
    "small": dict(embed=96, heads=1, stages=(1, 2, 11, 2), glob=(7, 10, 13), win=(8, 4, 14, 7), bkg=(7, 7),
                  published_params=46e6),
    "base_plus": dict(embed=112, heads=2, stages=(2, 3, 16, 3), glob=(12, 16, 20), win=(8, 4, 14, 7),
                      bkg=(14, 14), published_params=80.8e6),
    "large": dict(embed=144, heads=2, stages=(2, 6, 36, 4), glob=(23, 33, 43), win=(8, 4, 16, 8), bkg=(7, 7),
                  published_params=224.4e6),
}

IMAGE = 1024
D = 256          # transformer / feature channels
C_MEM = 64       # memory channels
GRID = 64        # feature grid (64 x 64 = 4096 tokens)
N_MEM = 7        # spatial memories in the bank
N_PTR = 16       # object pointers
TPP = D // C_MEM  # tokens per pointer (a 256-d pointer split into 4 tokens of 64)
FFN = 2048       # memory attention MLP
MA_LAYERS = 4
GRAPHS = ("image_encoder", "memory_attention", "mask_decoder", "memory_encoder")
RUNTIME_OVERHEAD = 600 * MB  # CUDA context + cuBLAS/cuDNN workspaces: an assumption, not a measurement


def linear(i, o):
    return i * o + o


def hiera_blocks(cfg):
    """(dim, dim_out, heads, window, q_pool, side) per block; side = token grid side at the block input."""
    stage_ends = [sum(cfg["stages"][:i]) - 1 for i in range(1, 5)]
    q_pool_blocks = [x + 1 for x in stage_ends[:-1]]
    dim, heads, stage, side = cfg["embed"], cfg["heads"], 1, IMAGE // 4
    out = []
    for i in range(sum(cfg["stages"])):
        dim_out = dim
        window = cfg["win"][stage - 1]
        if i in cfg["glob"]:
            window = 0
        if i - 1 in stage_ends:
            dim_out, heads, stage = dim * 2, heads * 2, stage + 1
        q_pool = i in q_pool_blocks
        out.append((dim, dim_out, heads, window, q_pool, side))
        if q_pool:
            side //= 2
        dim = dim_out
    return out, stage_ends


def params(cfg):
    """float32 parameter count per graph (SAM 2.1 modules as the exporter splits them)."""
    blocks, stage_ends = hiera_blocks(cfg)
    e = cfg["embed"]
    trunk = 3 * 49 * e + e + e * cfg["bkg"][0] * cfg["bkg"][1] + e * cfg["win"][0] ** 2
    for dim, dim_out, heads, window, q_pool, side in blocks:
        trunk += 2 * dim + linear(dim, 3 * dim_out) + linear(dim_out, dim_out) + 2 * dim_out
        trunk += linear(dim_out, 4 * dim_out) + linear(4 * dim_out, dim_out)
        if dim != dim_out:
            trunk += linear(dim, dim_out)
    channels = [blocks[i][1] for i in stage_ends]
    neck = sum(linear(c, D) for c in channels)
    high_res = linear(D, 32) + linear(D, 64)  # the decoder's conv_s0 / conv_s1, run in the image encoder graph
    image_encoder = trunk + neck + high_res

    def two_way_attn(down):
        i = D // down
        return linear(D, i) * 3 + linear(i, D)
    dec_block = two_way_attn(1) + 2 * two_way_attn(2) + linear(D, FFN) + linear(FFN, D) + 4 * 2 * D
    mask_decoder = (2 * dec_block + two_way_attn(2) + 2 * D + 6 * D          # transformer + tokens
                    + 4 * 64 * D + 64 + 2 * 64 + 4 * 32 * 64 + 32         # output upscaling
                    + 4 * (linear(D, D) * 2 + linear(D, 32))              # hypernetwork MLPs
                    + linear(D, D) * 2 + linear(D, 4) + linear(D, D) * 2 + linear(D, 1)  # iou + object score
                    + 5 * D + 2 * 128 + (4 + 8 + 4 * 16 + 32 + 16 * 256 + 256) + D  # prompt encoder
                    + linear(D, D) * 3)                                   # obj_ptr_proj (pointers output)
    ma_layer = (linear(D, D) * 4 + linear(D, D) * 2 + linear(C_MEM, D) * 2 + linear(D, FFN) + linear(FFN, D)
                + 3 * 2 * D)
    rope = 2 * GRID * GRID * (D // 2)  # cos/sin tables (buffers, shared by self- and cross-attention)
    memory_attention = MA_LAYERS * ma_layer + 2 * D + rope
    downsampler = 0
    cin = 1
    for cout in (4, 16, 64, 256):
        downsampler += cin * cout * 9 + cout + 2 * cout
        cin = cout
    downsampler += linear(D, D)
    cx = D * 49 + D + 2 * D + linear(D, 4 * D) + linear(4 * D, D) + D
    memory_encoder = downsampler + linear(D, D) + 2 * cx + linear(D, C_MEM)
    # a randomly initialised export: SAM 2 builds memory attention's layers and the fuser's blocks as
    # deep copies of one module, so their weights are equal and the exporter stores them once
    random_export = dict(image_encoder=image_encoder, mask_decoder=mask_decoder,
                         memory_attention=ma_layer + 2 * D + rope, memory_encoder=memory_encoder - cx)
    return dict(image_encoder=image_encoder, mask_decoder=mask_decoder, memory_attention=memory_attention,
                memory_encoder=memory_encoder, trunk=trunk, rope=rope, random_export=random_export)


def image_encoder_activations(cfg, tile):
    """Peak live bytes of one image-encoder call (batch 1) and the block that sets it."""
    blocks, stage_ends = hiera_blocks(cfg)
    peak, where, kept = 0, "", 0
    for i, (dim, dim_out, heads, window, q_pool, side) in enumerate(blocks):
        n = side * side
        nq = n // 4 if q_pool else n
        if window > 0:
            padded = math.ceil(side / window) * window
            windows = (padded // window) ** 2
            wq = (window // 2) ** 2 if q_pool else window ** 2
            scores = heads * windows * wq * window ** 2
        else:
            rows = nq if tile <= 0 else min(tile, nq)
            scores = heads * rows * n
        attn = n * dim * 2 + 3 * n * dim_out + 2 * scores + nq * dim_out * 2
        mlp = nq * dim_out * 3 + 2 * 4 * nq * dim_out
        block = F * max(attn, mlp) + F * kept
        if block > peak:
            peak, where = block, f"block {i} ({'global' if window == 0 else 'window %d' % window}, {side}x{side} tokens)"
        if i in stage_ends:
            kept += (side // 2 if q_pool else side) ** 2 * dim_out
    # FPN neck: laterals at 256 channels for 4 levels, the sine position maps, the two high-res outputs
    side0 = IMAGE // 4
    neck = F * (kept + 2 * D * sum((side0 >> k) ** 2 for k in range(4)) + 32 * side0 ** 2 + 64 * (side0 // 2) ** 2)
    if neck > peak:
        peak, where = neck, "FPN neck"
    outputs = F * (2 * D * GRID * GRID + 32 * side0 ** 2 + 64 * (side0 // 2) ** 2)
    return peak, where, outputs


def memory_keys():
    return N_MEM * GRID * GRID + N_PTR * TPP


def memory_attention_per_item(tile):
    """Live bytes per batch item of one memory-attention call at a full bank."""
    nk = memory_keys()
    q = GRID * GRID
    inputs = nk * C_MEM * 2 + nk          # memory (+ pointers) and their positions, key scales
    held = q * D * 3                       # current features, their position, the running output
    rows = q if tile <= 0 else min(tile, q)
    self_attn = q * D * 4 + 2 * rows * q   # q, k, v (RoPE), out; scores + softmax of one tile
    cross = nk * C_MEM + 5 * nk * D + q * D * 2 + 2 * rows * nk  # keys in, k/v projections, RoPE temporaries, scaled keys
    mlp = q * FFN * 2 + q * D
    return F * (inputs + held + max(self_attn, cross, mlp)), F * 2 * rows * nk, F * inputs


def mask_decoder_per_item():
    q = GRID * GRID
    s0 = IMAGE // 4
    transformer = q * D * 6 + q * (D // 2) * 2   # src, pos, keys, k/v projections
    upscale = s0 ** 2 * 32 * 3 + (s0 // 2) ** 2 * 64 * 2
    return F * (q * D + max(transformer, upscale) + 4 * (s0 ** 2))


def memory_encoder_per_item():
    s = IMAGE
    down = s * s + 3 * 4 * ((s // 2) ** 2 * 4)   # the 1024^2 mask, conv/LN/GELU at each of 4 levels (4 MB each)
    q = GRID * GRID
    fuser = q * D * 4 + q * 4 * D * 2            # pix features, dwconv, norm, pointwise 4x expansion
    return F * (s * s + max(down, fuser) + q * C_MEM * 2)


def memory_bank_per_pathway():
    """Host bytes of one pathway's memory (this engine keeps the bank in Java arrays)."""
    return F * (N_MEM * GRID * GRID * C_MEM + N_PTR * D)


def estimate(name, cfg, objects, pathways, tile, per_call=None):
    p = params(cfg)
    weights = F * sum(p[g] for g in GRAPHS)
    enc, enc_where, enc_out = image_encoder_activations(cfg, tile)
    items = objects * pathways
    b = items if per_call is None else min(items, per_call)
    ma_item, _, _ = memory_attention_per_item(tile)
    calls = {
        "image encoder": enc,
        "memory attention": b * ma_item,
        "mask decoder": items * mask_decoder_per_item(),
        "memory encoder": items * memory_encoder_per_item(),
    }
    largest = max(calls, key=calls.get)
    act = calls[largest] + enc_out  # the frame's encoder outputs stay on the device for the frame's calls
    total = RUNTIME_OVERHEAD + weights + act
    return dict(weights=weights, act=act, largest=largest, total=total, total_arena=total + act,
                enc=enc, enc_where=enc_where, items=items)


def check(export_dir, size):
    """Float initializers of an export against the count above (a random-weight export stores cloned layers once)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from onnx_initializers import float_params
    p = params(SIZES[size])
    print("| graph | float initializers in the export | counted here (real weights) | counted here (random export) |")
    print("|---|---|---|---|")
    for g in GRAPHS:
        path = os.path.join(export_dir, g + ".onnx")
        print(f"| {g} | {float_params(path) / 1e6:.3f} M | {p[g] / 1e6:.3f} M | {p['random_export'][g] / 1e6:.3f} M |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tile", type=int, default=512, help="queries per attention tile of a query-tiled export")
    ap.add_argument("--check", help="an export directory: compare its float initializer counts with the count here")
    ap.add_argument("--check-size", default="tiny", choices=SIZES, help="the SAM 2.1 size of the --check export")
    a = ap.parse_args()
    print("## Parameters (float32) per graph, from the architecture\n")
    print("| size | image encoder | memory attention (+ RoPE tables) | mask decoder | memory encoder | "
          "sum less RoPE tables | published (whole model) |")
    print("|---|---|---|---|---|---|---|")
    for name, cfg in SIZES.items():
        p = params(cfg)
        total = sum(p[g] for g in GRAPHS) - p["rope"]
        print(f"| {name} | {p['image_encoder'] / 1e6:.1f} M | {p['memory_attention'] / 1e6:.2f} M | "
              f"{p['mask_decoder'] / 1e6:.2f} M | {p['memory_encoder'] / 1e6:.2f} M | {total / 1e6:.1f} M | "
              f"{cfg['published_params'] / 1e6:.1f} M |")
    ma_full, score_full, inputs = memory_attention_per_item(0)
    ma_tiled, score_tiled, _ = memory_attention_per_item(a.tile)
    print(f"\nMemory attention per batch item at a full bank ({memory_keys()} keys): "
          f"full {ma_full / MB:.0f} MB (score block {score_full / MB:.0f} MB), "
          f"query-tiled/{a.tile} {ma_tiled / MB:.0f} MB (score block {score_tiled / MB:.0f} MB); "
          f"inputs {inputs / MB:.1f} MB per item. Mask decoder {mask_decoder_per_item() / MB:.0f} MB, "
          f"memory encoder {memory_encoder_per_item() / MB:.0f} MB per item. "
          f"Memory bank {memory_bank_per_pathway() / MB:.1f} MB per (object, pathway), host side.\n")
    print("## Image encoder (batch 1)\n")
    print("| size | full attention | query-tiled | largest at |")
    print("|---|---|---|---|")
    for name, cfg in SIZES.items():
        full = image_encoder_activations(cfg, 0)
        tiled = image_encoder_activations(cfg, a.tile)
        print(f"| {name} | {full[0] / MB:.0f} MB | {tiled[0] / MB:.0f} MB | {full[1]} / {tiled[1]} |")
    print(f"\n## Peak device memory (GB; runtime overhead {RUNTIME_OVERHEAD / MB:.0f} MB assumed; "
          "every pathway distinct; in brackets: with the arena's power-of-two growth, worst case)\n")
    print("| size | weights | objects x P | items | full attention | query-tiled | query-tiled, 1 item per call |")
    print("|---|---|---|---|---|---|---|")
    for name, cfg in SIZES.items():
        for objects, pathways in ((1, 1), (1, 3), (8, 1), (8, 3)):
            f = estimate(name, cfg, objects, pathways, 0)
            t = estimate(name, cfg, objects, pathways, a.tile)
            one = estimate(name, cfg, objects, pathways, a.tile, per_call=1)
            print(f"| {name} | {f['weights'] / GB:.2f} | {objects} x {pathways} | {f['items']} | "
                  f"{f['total'] / GB:.1f} [{f['total_arena'] / GB:.1f}] ({f['largest']}) | "
                  f"{t['total'] / GB:.1f} [{t['total_arena'] / GB:.1f}] ({t['largest']}) | "
                  f"{one['total'] / GB:.1f} [{one['total_arena'] / GB:.1f}] ({one['largest']}) |")
    if a.check:
        print(f"\n## Export check: {a.check}\n")
        check(a.check, a.check_size)


if __name__ == "__main__":
    main()
