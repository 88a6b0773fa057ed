#!/usr/bin/env python3
"""Check an export against the official PyTorch model: stage by stage and end to end.

    python3 verify_export.py --work /tmp/sam2verify [--config configs/sam2.1/sam2.1_hiera_t.yaml]

Needs the official `sam2` package importable (on Debian's torch 1.13 put debian_shims/ and the
sam2 source tree on PYTHONPATH, see README.md), numpy, onnx, Pillow, a JDK and the ONNX Runtime
Java jar (--jar). Weights: the official checkpoints cannot be downloaded on our build machines,
so this builds the official model with random initialisation, perturbs every parameter a little
(random init gives cloned layers identical weights, which would hide layer mix-ups), saves it as
a checkpoint and runs export_sam2.py on that checkpoint. Then:

1. stage checks: each ONNX graph, run by ONNX Runtime Java (OrtHarness.java), against the
   official modules on the same inputs (max abs diff per output), at batch/length sizes that
   differ from the ones used for tracing;
2. end to end: the official SAM2VideoPredictor tracks a click through a synthetic JPEG clip;
   a host loop written here (the contract's host side: memory selection, temporal encodings,
   candidate choice, mask preparation for the memory encoder) tracks the same click with the
   four ONNX graphs in ONNX Runtime Java. Per-frame mask IoU, candidate choice and logit
   differences are printed and written to <work>/report.json.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import export_sam2 as ex  # noqa: E402  (also installs the SDPA stand-in on torch < 2.0)

DEFAULT_JAR = os.path.expanduser(
    "~/.m2/repository/com/microsoft/onnxruntime/onnxruntime/1.29.0/onnxruntime-1.29.0.jar")


# ------------------------------------------------------------------------------------------
# ONNX Runtime Java, driven through OrtHarness.java in serve mode
# ------------------------------------------------------------------------------------------

class Ort:
    def __init__(self, jar, model_dir, work, threads):
        self.model_dir = model_dir
        self.work = work
        self.proc = subprocess.Popen(
            ["java", "-cp", jar, os.path.join(HERE, "OrtHarness.java"), "serve", str(threads)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        line = self.proc.stdout.readline().strip()
        if line != "ready":
            raise RuntimeError(f"OrtHarness did not start: {line!r}")
        self.calls = 0
        self.ms = {}

    def run(self, graph, inputs):
        """inputs: dict name -> array; returns dict name -> float32 array."""
        self.calls += 1
        d_in = os.path.join(self.work, "ort_in")
        d_out = os.path.join(self.work, "ort_out")
        for d in (d_in, d_out):
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
        lines = []
        for name, arr in inputs.items():
            a = np.ascontiguousarray(np.asarray(arr, dtype="<f4"))
            a.tofile(os.path.join(d_in, name + ".bin"))
            lines.append(" ".join([name] + [str(x) for x in a.shape]))
        with open(os.path.join(d_in, "tensors.txt"), "w") as f:
            f.write("\n".join(lines) + "\n")
        path = os.path.join(self.model_dir, graph + ".onnx")
        self.proc.stdin.write(f"run {path} {d_in} {d_out}\n")
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline().strip()
        if not reply.startswith("ok"):
            raise RuntimeError(f"ONNX Runtime failed on {graph}: {reply}")
        self.ms.setdefault(graph, []).append(int(reply.split()[1]))
        out = {}
        with open(os.path.join(d_out, "tensors.txt")) as f:
            for line in f:
                p = line.split()
                if p:
                    shape = [int(x) for x in p[1:]]
                    out[p[0]] = np.fromfile(os.path.join(d_out, p[0] + ".bin"), dtype="<f4").reshape(shape)
        return out

    def close(self):
        try:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=30)
        except Exception:
            self.proc.kill()


def npy(t):
    return t.detach().float().cpu().numpy()


def maxdiff(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise AssertionError(f"shape {a.shape} != {b.shape}")
    return float(np.max(np.abs(a - b))) if a.size else 0.0


def rel(a, b):
    b = np.asarray(b, dtype=np.float64)
    return maxdiff(a, b) / max(float(np.max(np.abs(b))), 1e-12)


# ------------------------------------------------------------------------------------------
# Model: official, randomly initialised, perturbed, saved as a checkpoint
# ------------------------------------------------------------------------------------------

def last_linear(head):
    return head.layers[-1] if hasattr(head, "layers") else head


def make_checkpoint(config, path, seed, image, click_in):
    """Random official model, every parameter perturbed; the presence and IoU heads' last layers
    amplified (random init leaves both nearly constant, which would never exercise the
    'object absent' branch or a change of candidate), the presence bias set so that the click on
    `image` gives a presence logit of +0.5 (tracking then drifts around zero)."""
    from sam2.build_sam import build_sam2

    torch.manual_seed(seed)
    model = build_sam2(config, None, device="cpu")
    g = torch.Generator().manual_seed(seed + 1)
    dec = model.sam_mask_decoder
    with torch.no_grad():
        for name, p in model.named_parameters():
            std = float(p.std()) if p.numel() > 1 else 0.0
            amp = 0.1 * std if std > 0 else 0.02
            p.add_(torch.randn(p.shape, generator=g) * amp)
        last_linear(dec.iou_prediction_head).weight.mul_(20.0)
        score_layer = last_linear(dec.pred_obj_score_head)
        score_layer.weight.mul_(20.0)
        out = model.forward_image(image)
        fpn = out["backbone_fpn"][-3:]
        cond = fpn[2] + model.no_mem_embed.reshape(1, -1, 1, 1)
        pin = {"point_coords": torch.tensor([[click_in]], dtype=torch.float32),
               "point_labels": torch.tensor([[1]], dtype=torch.int32)}
        s0 = float(model._forward_sam_heads(cond, pin, None, [fpn[0], fpn[1]], multimask_output=True)[6])
        score_layer.bias.add_(0.5 - s0)
    torch.save({"model": model.state_dict()}, path)
    return model


def build_predictor(config, ckpt):
    from sam2.build_sam import build_sam2_video_predictor

    return build_sam2_video_predictor(config, ckpt, device="cpu")


# ------------------------------------------------------------------------------------------
# Official reference pieces (flattening as SAM2Base does)
# ------------------------------------------------------------------------------------------

def seq(x):  # [B, C, H, W] -> [(HW), B, C]
    return x.flatten(2).permute(2, 0, 1)


def pointer_pe(model, t_diffs, max_ptrs):
    from sam2.modeling.sam2_utils import get_1d_sine_pe

    pos = torch.tensor(t_diffs, dtype=torch.float32) / (max_ptrs - 1)
    pe = get_1d_sine_pe(pos, dim=model.hidden_dim)
    return model.obj_ptr_tpos_proj(pe)  # [n, m]


def stage_checks(model, ort, image, report):
    res = {}
    B = 3
    with torch.no_grad():
        # ---- image encoder
        out = model.forward_image(image)
        fpn, pos = out["backbone_fpn"][-3:], out["vision_pos_enc"][-3:]
        ref = {"features": npy(fpn[2]), "feature_pos": npy(pos[2]),
               "high_res_0": npy(fpn[0]), "high_res_1": npy(fpn[1])}
        got = ort.run("image_encoder", {"image": npy(image)})
        res["image_encoder"] = {k: {"max_abs": maxdiff(got[k], v), "ref_max_abs": float(np.abs(v).max())}
                                for k, v in ref.items()}
        feat, fpos, hr0, hr1 = fpn[2], pos[2], fpn[0], fpn[1]
        d, h, w = feat.shape[1:]

        # ---- memory encoder: random mask logits, presence scores of both signs
        g = torch.Generator().manual_seed(7)
        logits = F.interpolate(torch.randn(B, 1, 16, 16, generator=g) * 8, size=(model.image_size,) * 2,
                               mode="bilinear", align_corners=False)
        obj = torch.tensor([[3.0], [-2.0], [0.5]])
        for binarize in (False, True):
            mem, mpos = model._encode_new_memory(
                current_vision_feats=[seq(feat).expand(-1, B, -1)], feat_sizes=[(h, w)],
                pred_masks_high_res=logits, object_score_logits=obj, is_mask_from_pts=binarize)
            # the same preparation the host does (contract: mask_for_memory)
            if binarize and model.binarize_mask_from_pts_for_mem_enc:
                prep = (logits > 0).float()
            else:
                prep = torch.sigmoid(logits)
            prep = prep * model.sigmoid_scale_for_mem_enc + model.sigmoid_bias_for_mem_enc
            got = ort.run("memory_encoder", {"features": npy(feat), "mask_for_memory": npy(prep),
                                             "object_score": npy(obj)})
            key = "memory_encoder" + (" (binarized mask)" if binarize else "")
            res[key] = {"memory": {"max_abs": maxdiff(got["memory"], npy(mem)),
                                   "ref_max_abs": float(npy(mem).__abs__().max())},
                        "memory_pos": {"max_abs": maxdiff(got["memory_pos"], npy(mpos[-1])),
                                       "ref_max_abs": float(npy(mpos[-1]).__abs__().max())}}
        memories, mem_pos = mem, mpos[-1]

        # ---- mask decoder: points (incl. box corners and padding), with and without mask prompt
        cond = feat + model.no_mem_embed.reshape(1, -1, 1, 1)
        # three different conditioned maps; look for variants the model judges absent
        # (object_score <= 0) so that both branches (forced masks, no_obj_ptr) are compared
        variants = [cond, cond * 0.9 + 0.05, cond.flip(-1)] + [cond * k for k in (-1.0, -3.0, 3.0, 6.0, -6.0)]
        scores = []
        for v in variants:
            o = model._forward_sam_heads(v, None, None, [hr0, hr1], multimask_output=False)
            scores.append(float(o[6]))
        pos_i = [i for i, sc in enumerate(scores) if sc > 0]
        neg_i = [i for i, sc in enumerate(scores) if sc <= 0]
        pick = (pos_i[:2] + neg_i[:1]) if neg_i and len(pos_i) >= 2 else (pos_i + neg_i)[:3]
        cond_b = torch.cat([variants[i] for i in pick], 0)
        res["mask_decoder: object scores of the candidate inputs"] = {"scores": scores, "picked": pick}
        S = model.image_size
        cases = {
            "points, no mask prompt": dict(
                coords=torch.tensor([[[300., 400.], [0., 0.]], [[512., 100.], [900., 700.]],
                                     [[100., 100.], [600., 800.]]]),
                labels=torch.tensor([[1, -1], [1, 0], [2, 3]], dtype=torch.int32), mask=None),
            "point + mask prompt": dict(
                coords=torch.tensor([[[700., 650.]], [[10., 1000.]], [[S / 2, S / 2]]]),
                labels=torch.tensor([[1], [0], [1]], dtype=torch.int32),
                mask=torch.randn(B, 1, 4 * h, 4 * w, generator=g) * 5),
        }
        dec = model.sam_mask_decoder
        pointers_for_attention = None
        for cname, c in cases.items():
            pin = {"point_coords": c["coords"], "point_labels": c["labels"]}
            hrf = [hr0.expand(B, -1, -1, -1), hr1.expand(B, -1, -1, -1)]
            multi = model._forward_sam_heads(cond_b, pin, c["mask"], hrf, multimask_output=True)
            saved = dec.dynamic_multimask_via_stability
            dec.dynamic_multimask_via_stability = False  # plain token-0 output
            single = model._forward_sam_heads(cond_b, pin, c["mask"], hrf, multimask_output=False)
            dec.dynamic_multimask_via_stability = saved
            ref_masks = torch.cat([single[0], multi[0]], 1)
            ref_iou = torch.cat([single[2], multi[2]], 1)
            mask_in = c["mask"] if c["mask"] is not None else torch.zeros(B, 1, 4 * h, 4 * w)
            has = torch.full((B, 1), 1.0 if c["mask"] is not None else 0.0)
            got = ort.run("mask_decoder", {
                "conditioned": npy(cond_b), "high_res_0": npy(hr0), "high_res_1": npy(hr1),
                "point_coords": npy(c["coords"]), "point_labels": npy(c["labels"].float()),
                "mask_input": npy(mask_in), "has_mask_input": npy(has)})
            best = torch.argmax(multi[2], dim=-1)
            ptr_single = got["pointers"][:, 0]
            ptr_best = got["pointers"][np.arange(B), 1 + best.numpy()]
            present = (npy(single[6]) > 0).ravel().tolist()
            res["mask_decoder: " + cname] = {
                "mask_logits": {"max_abs": maxdiff(got["mask_logits"], npy(ref_masks)),
                                "ref_max_abs": float(npy(ref_masks).__abs__().max())},
                "iou": {"max_abs": maxdiff(got["iou"], npy(ref_iou))},
                "object_score": {"max_abs": maxdiff(got["object_score"], npy(single[6]))},
                "pointers (token 0)": {"max_abs": maxdiff(ptr_single, npy(single[5]))},
                "pointers (best multimask token)": {"max_abs": maxdiff(ptr_best, npy(multi[5]))},
                "present": present,
            }
            pointers_for_attention = torch.from_numpy(got["pointers"])

        # ---- mask prompt (optional graph): SAM2Base._use_mask_as_output on 0/1 masks at S x S,
        # the pointer made by the mask decoder graph on the raw features with mask_prompt's
        # mask_input as its dense prompt and no points, then no_object_pointer for an empty mask
        if os.path.exists(os.path.join(ort.model_dir, "mask_prompt.onnx")):
            yy, xx = torch.meshgrid(torch.arange(S), torch.arange(S), indexing="ij")
            pm = torch.stack([(xx - 0.4 * S) ** 2 + (yy - 0.55 * S) ** 2 < (0.2 * S) ** 2,
                              (xx > S // 8) & (xx < S // 2) & (yy > S // 3),
                              torch.zeros(S, S, dtype=torch.bool)]).float()[:, None]
            hrf = [hr0.expand(B, -1, -1, -1), hr1.expand(B, -1, -1, -1)]
            ref = model._use_mask_as_output(feat.expand(B, -1, -1, -1), hrf, pm)
            mp = ort.run("mask_prompt", {"mask": npy(pm)})
            got = ort.run("mask_decoder", {
                "conditioned": npy(feat.expand(B, -1, -1, -1)), "high_res_0": npy(hr0), "high_res_1": npy(hr1),
                "point_coords": np.zeros((B, 1, 2), np.float32), "point_labels": -np.ones((B, 1), np.float32),
                "mask_input": mp["mask_input"], "has_mask_input": np.ones((B, 1), np.float32)})
            present = npy(pm).reshape(B, -1).max(1) > 0
            ptr = np.where(present[:, None], got["pointers"][:, 0], mp["no_object_pointer"])
            res["mask_prompt (+ mask_decoder on raw features, no points)"] = {
                "mask_input": {"max_abs": maxdiff(mp["mask_input"], npy(model.mask_downsample(pm))),
                               "ref_max_abs": float(npy(model.mask_downsample(pm)).__abs__().max())},
                "no_object_pointer": {"max_abs": maxdiff(mp["no_object_pointer"],
                                                         npy(model.no_obj_ptr.expand(B, -1)))},
                "pointer": {"max_abs": maxdiff(ptr, npy(ref[5])), "ref_max_abs": float(npy(ref[5]).__abs__().max())},
                "object_score (host: +10 / -10)": {"max_abs": maxdiff(np.where(present, 10.0, -10.0)[:, None],
                                                                      npy(ref[6]))},
                "present": present.tolist(),
            }

        # ---- memory attention: 2 memory frames (+ tpos), 3 pointers, with / without key scale
        nm = model.num_maskmem
        tpos = model.maskmem_tpos_enc.reshape(nm, -1)
        m = model.mem_dim
        mem_list, pos_list = [], []
        for slot, b in ((nm - 1, 0), (0, 2)):  # a conditioning frame and the most recent frame
            mem_list.append(memories[b:b + 1].flatten(2).transpose(1, 2))          # [1, hw, m]
            pos_list.append(mem_pos[b:b + 1].flatten(2).transpose(1, 2) + tpos[slot])
        memory = torch.cat(mem_list, 1).expand(B, -1, -1).clone()
        memory[1] = memory[1] * 0.7 + 0.1  # differ per batch element
        memory[2] = memory[2].flip(0)
        memory_pos = torch.cat(pos_list, 1).expand(B, -1, -1).contiguous()
        ptr_src = pointers_for_attention[:, [0, 1, 3]]                              # [B, 3, d]
        pointers = ptr_src.reshape(B, 3, d // m, m).reshape(B, -1, m)             # [B, 3*d/m, m]
        ppe = pointer_pe(model, [5, 1, 2], model.max_obj_ptrs_in_encoder)          # [3, m]
        pointer_pos = ppe.repeat_interleave(d // m, dim=0).unsqueeze(0).expand(B, -1, -1).contiguous()
        N, P = memory.shape[1], pointers.shape[1]
        for scaled in (False, True):
            if scaled:
                # wider than SAM2Long's 0.95..1.05 so that the effect is far above float noise
                ms = torch.linspace(0.5, 1.5, 2).repeat_interleave(h * w).unsqueeze(0).expand(B, -1).clone()
                ms[1] = ms[1].flip(0)
                ps = torch.tensor([1.5, 0.5, 1.0]).repeat_interleave(d // m).unsqueeze(0).expand(B, -1)
            else:
                ms, ps = torch.ones(B, N), torch.ones(B, P)
            # reference: the official MemoryAttention; a key scale s on (memory + pos) is the same
            # as giving it the position (memory + pos) * s - memory (values stay `memory`)
            full_mem = torch.cat([memory, pointers], 1)
            full_pos = torch.cat([memory_pos, pointer_pos], 1)
            full_scale = torch.cat([ms, ps], 1).unsqueeze(-1)
            key_pos = (full_mem + full_pos) * full_scale - full_mem if scaled else full_pos
            ref = model.memory_attention(
                curr=[seq(feat).expand(-1, B, -1)], curr_pos=[seq(fpos).expand(-1, B, -1)],
                memory=full_mem.transpose(0, 1), memory_pos=key_pos.transpose(0, 1),
                num_obj_ptr_tokens=P)
            ref = ref.permute(1, 2, 0).reshape(B, d, h, w)
            got = ort.run("memory_attention", {
                "features": npy(feat), "feature_pos": npy(fpos), "memory": npy(memory),
                "memory_pos": npy(memory_pos), "pointers": npy(pointers), "pointer_pos": npy(pointer_pos),
                "memory_key_scale": npy(ms), "pointer_key_scale": npy(ps)})
            key = "memory_attention" + (" (key scale 0.5..1.5)" if scaled else " (key scale 1)")
            res[key] = {"conditioned": {"max_abs": maxdiff(got["conditioned"], npy(ref)),
                                        "ref_max_abs": float(npy(ref).__abs__().max())},
                        "sizes": {"B": B, "N": N, "P": P}}
            if scaled:
                res[key]["conditioned"]["effect_of_scale_max_abs"] = maxdiff(npy(ref), unscaled_ref)
            else:
                unscaled_ref = npy(ref)
        # rotary must not touch pointer keys: moving a pointer's tokens changes nothing
        perm = torch.cat([torch.arange(4, P), torch.arange(0, 4)])
        got2 = ort.run("memory_attention", {
            "features": npy(feat), "feature_pos": npy(fpos), "memory": npy(memory[:1]),
            "memory_pos": npy(memory_pos[:1]), "pointers": npy(pointers[:1, perm]),
            "pointer_pos": npy(pointer_pos[:1, perm]), "memory_key_scale": npy(torch.ones(1, N)),
            "pointer_key_scale": npy(torch.ones(1, P))})
        res["memory_attention (B=1, pointer order permuted)"] = {
            "conditioned": {"max_abs": maxdiff(got2["conditioned"], unscaled_ref[:1])}}
    report["stages"] = res
    return res


# ------------------------------------------------------------------------------------------
# End to end
# ------------------------------------------------------------------------------------------

def make_clip(path, frames, width, height, seed=3):
    from PIL import Image

    rng = np.random.default_rng(seed)
    os.makedirs(path, exist_ok=True)
    base = rng.random((height // 8, width // 8, 3))
    bg = np.asarray(Image.fromarray((base * 255).astype(np.uint8)).resize((width, height), Image.BILINEAR),
                    dtype=np.float32)
    yy, xx = np.mgrid[0:height, 0:width]
    centres = []
    for t in range(frames):
        cx, cy = width * (0.3 + 0.04 * t), height * (0.45 + 0.02 * t)
        r = min(width, height) * 0.14
        img = bg * 0.6
        disk = (xx - cx) ** 2 + (yy - cy) ** 2 <= r * r
        img[disk] = np.array([230, 40, 30], dtype=np.float32)
        Image.fromarray(img.clip(0, 255).astype(np.uint8)).save(os.path.join(path, f"{t:05d}.jpg"), quality=95)
        centres.append((cx, cy))
    return centres


def run_official(predictor, clip, click):
    """The official SAM2VideoPredictor: one positive click on frame 0, then propagate."""
    chosen = []
    orig = predictor._forward_sam_heads

    def recording(*args, **kwargs):
        out = orig(*args, **kwargs)
        mm = kwargs.get("multimask_output", args[4] if len(args) > 4 else False)
        chosen.append(int(torch.argmax(out[2][0])) if mm else -1)
        return out

    predictor._forward_sam_heads = recording
    try:
        with torch.inference_mode():
            state = predictor.init_state(clip)
            predictor.add_new_points_or_box(state, frame_idx=0, obj_id=1,
                                            points=np.array([click], dtype=np.float32),
                                            labels=np.array([1], dtype=np.int32))
            masks = {}
            for t, _, video_masks in predictor.propagate_in_video(state):
                masks[t] = video_masks[0, 0].float().numpy()
    finally:
        predictor._forward_sam_heads = orig
    out = state["output_dict_per_obj"][0]
    per_frame = {}
    for t in range(state["num_frames"]):
        o = out["cond_frame_outputs"].get(t) or out["non_cond_frame_outputs"].get(t)
        per_frame[t] = {"low_res": npy(o["pred_masks"][0, 0]), "obj_ptr": npy(o["obj_ptr"][0]),
                        "object_score": float(o["object_score_logits"][0, 0])}
    return state, masks, per_frame, chosen


class OnnxTracker:
    """The contract's host side for one object and one click on frame 0 (plain SAM 2, no tree)."""

    def __init__(self, ort, manifest, host, bf16_memory=True):
        self.ort, self.man = ort, manifest
        self.tpos = np.asarray(host["maskmem_tpos_enc"]["data"], np.float32).reshape(host["maskmem_tpos_enc"]["shape"])
        self.no_mem = np.asarray(host["no_mem_embed"]["data"], np.float32)
        self.W = np.asarray(host["obj_ptr_tpos_proj_weight"]["data"], np.float32).reshape(
            host["obj_ptr_tpos_proj_weight"]["shape"])
        self.b = np.asarray(host["obj_ptr_tpos_proj_bias"]["data"], np.float32)
        self.bf16 = bf16_memory
        self.S, self.M = manifest["image_size"], manifest["mask_size"]
        self.d, self.m = manifest["feature_channels"], manifest["memory_channels"]
        self.nm = manifest["num_maskmem"]
        self.outputs = {}  # frame -> dict
        self.chosen = []

    def ptr_pe(self, t_diff, max_ptrs):
        H = self.d // 2
        j = np.arange(H, dtype=np.float32)
        dim_t = (10000.0 ** (2 * np.floor(j / 2) / H)).astype(np.float32)
        x = np.float32(t_diff / (max_ptrs - 1)) / dim_t
        pe = np.concatenate([np.sin(x), np.cos(x)]).astype(np.float32)
        return self.W @ pe + self.b

    def encode_memory(self, feats, low_res, obj_score, from_points):
        hi = F.interpolate(torch.from_numpy(low_res)[None, None], size=(self.S, self.S),
                           mode="bilinear", align_corners=False)
        if from_points and self.man["binarize_mask_from_points"]:
            prep = (hi > 0).float()
        else:
            prep = torch.sigmoid(hi)
        prep = prep * self.man["sigmoid_scale"] + self.man["sigmoid_bias"]
        out = self.ort.run("memory_encoder", {"features": feats["features"], "mask_for_memory": npy(prep),
                                              "object_score": np.array([[obj_score]], np.float32)})
        mem = out["memory"]
        if self.bf16:  # the official predictor stores memories in bfloat16
            mem = torch.from_numpy(mem).to(torch.bfloat16).float().numpy()
        return mem, out["memory_pos"]

    def decode(self, feats, conditioned, coords, labels, multimask):
        out = self.ort.run("mask_decoder", {
            "conditioned": conditioned, "high_res_0": feats["high_res_0"], "high_res_1": feats["high_res_1"],
            "point_coords": coords, "point_labels": labels,
            "mask_input": np.zeros((1, 1, self.M, self.M), np.float32),
            "has_mask_input": np.zeros((1, 1), np.float32)})
        if multimask:
            k = 1 + int(np.argmax(out["iou"][0, 1:]))
            ptr_k = k if self.man["use_multimask_token_for_obj_ptr"] else 0
        else:  # single output, falling back to the best multimask one when unstable
            low = out["mask_logits"][0, 0]
            delta = self.man["multimask_stability_delta"]
            inter, union = np.sum(low > delta), np.sum(low > -delta)
            stable = (inter / union if union > 0 else 1.0) >= self.man["multimask_stability_thresh"]
            k = 0 if stable else 1 + int(np.argmax(out["iou"][0, 1:]))
            ptr_k = 0
        self.chosen.append(k - 1 if multimask else -1)
        return out["mask_logits"][0, k], out["pointers"][0, ptr_k], float(out["object_score"][0, 0])

    def track(self, images, click_xy, num_frames):
        feats0 = self.ort.run("image_encoder", {"image": images[0]})
        # frame 0: conditioning frame, no memory -> features + no_mem_embed
        cond = feats0["features"] + self.no_mem.reshape(1, -1, 1, 1)
        low, ptr, score = self.decode(feats0, cond, np.array([[click_xy]], np.float32),
                                      np.array([[1.0]], np.float32), multimask=True)  # one click
        mem, mpos = self.encode_memory(feats0, low, score, from_points=True)
        self.outputs[0] = dict(low_res=low, obj_ptr=ptr, object_score=score, mem=mem, mem_pos=mpos, cond=True)
        max_ptrs = min(num_frames, self.man["max_obj_ptrs"])
        hw = self.man["feature_grid"][0] * self.man["feature_grid"][1]
        for t in range(1, num_frames):
            feats = self.ort.run("image_encoder", {"image": images[t]})
            # the conditioning frame first (temporal slot num_maskmem-1), then the last
            # num_maskmem-1 non-conditioning frames, oldest first (slot distance-1)
            slots = [(0, self.nm - 1)]
            for tp in range(1, self.nm):
                f = t - (self.nm - tp)
                o = self.outputs.get(f)
                if o is not None and not o["cond"]:
                    slots.append((f, self.nm - tp - 1))
            mems, poss = [], []
            for f, slot in slots:
                o = self.outputs[f]
                mems.append(o["mem"][0].reshape(self.m, hw).T)
                poss.append(o["mem_pos"][0].reshape(self.m, hw).T + self.tpos[slot])
            ptr_list = [(t - 0, self.outputs[0]["obj_ptr"])]
            for td in range(1, max_ptrs):
                f = t - td
                if f < 0:
                    break
                if f in self.outputs and not self.outputs[f]["cond"]:
                    ptr_list.append((td, self.outputs[f]["obj_ptr"]))
            per = self.d // self.m
            pointers = np.concatenate([p.reshape(per, self.m) for _, p in ptr_list])
            pointer_pos = np.concatenate([np.repeat(self.ptr_pe(td, max_ptrs)[None], per, 0) for td, _ in ptr_list])
            memory = np.concatenate(mems)[None]
            memory_pos = np.concatenate(poss)[None]
            cond = self.ort.run("memory_attention", {
                "features": feats["features"], "feature_pos": feats["feature_pos"],
                "memory": memory, "memory_pos": memory_pos, "pointers": pointers[None],
                "pointer_pos": pointer_pos[None].astype(np.float32),
                "memory_key_scale": np.ones((1, memory.shape[1]), np.float32),
                "pointer_key_scale": np.ones((1, pointers.shape[0]), np.float32)})["conditioned"]
            low, ptr, score = self.decode(feats, cond, np.zeros((1, 1, 2), np.float32),
                                          -np.ones((1, 1), np.float32), multimask=True)  # tracking
            mem, mpos = self.encode_memory(feats, low, score, from_points=False)
            self.outputs[t] = dict(low_res=low, obj_ptr=ptr, object_score=score, mem=mem, mem_pos=mpos, cond=False)
        return self.outputs


def iou(a, b):
    u = np.logical_or(a, b).sum()
    return 1.0 if u == 0 else float(np.logical_and(a, b).sum() / u)


CLIP_SIZE = (640, 480)


def end_to_end(predictor, ort, model_dir, work, frames, report):
    clip = os.path.join(work, "clip")
    width, height = CLIP_SIZE
    centres = make_clip(clip, frames, width, height)
    click = centres[0]
    t0 = time.time()
    state, ref_masks, ref_frames, ref_chosen = run_official(predictor, clip, click)
    t_ref = time.time() - t0
    with open(os.path.join(model_dir, "manifest.json")) as f:
        manifest = json.load(f)
    with open(os.path.join(model_dir, "host_tensors.json")) as f:
        host = json.load(f)
    images = [npy(state["images"][t][None]) for t in range(frames)]
    S = manifest["image_size"]
    click_in = [click[0] / width * S, click[1] / height * S]
    tracker = OnnxTracker(ort, manifest, host)
    t0 = time.time()
    outs = tracker.track(images, click_in, frames)
    t_onnx = time.time() - t0
    rows = []
    for t in range(frames):
        o = outs[t]
        video = F.interpolate(torch.from_numpy(o["low_res"])[None, None], size=(height, width),
                              mode="bilinear", align_corners=False)[0, 0].numpy()
        rows.append({
            "frame": t,
            "iou_video_res": iou(video > 0, ref_masks[t] > 0),
            "foreground_fraction": float((ref_masks[t] > 0).mean()),
            "low_res_logits_max_abs": maxdiff(o["low_res"], ref_frames[t]["low_res"]),
            "object_score_onnx": o["object_score"], "object_score_torch": ref_frames[t]["object_score"],
            "pointer_max_abs": maxdiff(o["obj_ptr"], ref_frames[t]["obj_ptr"]),
            "candidate_onnx": tracker.chosen[t], "candidate_torch": ref_chosen[t] if t < len(ref_chosen) else None,
        })
    report["end_to_end"] = {"frames": rows, "seconds_official": t_ref, "seconds_onnx_host": t_onnx,
                            "video": [width, height], "click": list(click),
                            "min_iou": min(r["iou_video_res"] for r in rows),
                            "frames_absent": [r["frame"] for r in rows if r["object_score_torch"] <= 0],
                            "same_candidate_every_frame": all(r["candidate_onnx"] == r["candidate_torch"] for r in rows)}
    return rows


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--config", default="configs/sam2.1/sam2.1_hiera_t.yaml")
    p.add_argument("--work", default="/tmp/sam2verify")
    p.add_argument("--jar", default=DEFAULT_JAR)
    p.add_argument("--frames", type=int, default=10)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--skip-e2e", action="store_true")
    p.add_argument("--reuse-export", action="store_true", help="keep an existing <work>/model")
    p.add_argument("--model-dir", help="check this model directory (with --checkpoint) instead of exporting one")
    p.add_argument("--checkpoint", help="with --model-dir: the checkpoint it was exported from")
    p.add_argument("--attention-tile", type=int, default=-1,
                   help="passed to export_sam2.py (-1: its default, query-tiled; 0: full score matrix)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    os.makedirs(a.work, exist_ok=True)
    report = {"config": a.config, "torch": torch.__version__, "seed": a.seed}
    ckpt = os.path.join(a.work, "random_perturbed.pt")
    model_dir = os.path.join(a.work, "model")
    # the clip (frame 0 also serves the stage checks), loaded the official way
    from sam2.utils.misc import load_video_frames
    clip = os.path.join(a.work, "clip")
    shutil.rmtree(clip, ignore_errors=True)
    centres = make_clip(clip, a.frames, *CLIP_SIZE)
    click_in = [centres[0][0] / CLIP_SIZE[0], centres[0][1] / CLIP_SIZE[1]]
    if a.model_dir:
        if not a.checkpoint:
            p.error("--model-dir needs --checkpoint")
        model_dir, ckpt = a.model_dir, a.checkpoint
    elif not (a.reuse_export and os.path.exists(os.path.join(model_dir, "manifest.json"))):
        from sam2.build_sam import build_sam2
        size = build_sam2(a.config, None, device="cpu").image_size
        frame0, _, _ = load_video_frames(clip, size, False, compute_device=torch.device("cpu"))
        make_checkpoint(a.config, ckpt, a.seed, frame0[0:1], [click_in[0] * size, click_in[1] * size])
        del frame0
        t0 = time.time()
        subprocess.run([sys.executable, os.path.join(HERE, "export_sam2.py"), "--checkpoint", ckpt,
                        "--config", a.config, "--out", model_dir, "--name", "verify-random",
                        "--threads", str(a.threads), "--attention-tile", str(a.attention_tile)], check=True)
        report["export_seconds"] = time.time() - t0
        print(f"export took {report['export_seconds']:.1f} s", flush=True)
    predictor = build_predictor(a.config, ckpt)
    ort = Ort(a.jar, model_dir, a.work, a.threads)
    try:
        imgs, _, _ = load_video_frames(clip, predictor.image_size, False, compute_device=torch.device("cpu"))
        t0 = time.time()
        stages = stage_checks(predictor, ort, imgs[0:1], report)
        del imgs
        report["stage_seconds"] = time.time() - t0
        print(json.dumps(stages, indent=1), flush=True)
        if not a.skip_e2e:
            rows = end_to_end(predictor, ort, model_dir, a.work, a.frames, report)
            for r in rows:
                print(r, flush=True)
            e = report["end_to_end"]
            print(f"min IoU {e['min_iou']:.4f}, same candidate every frame: {e['same_candidate_every_frame']}, "
                  f"official {e['seconds_official']:.0f} s, onnx host {e['seconds_onnx_host']:.0f} s")
        report["ort_ms_per_call"] = {k: sum(v) / len(v) for k, v in ort.ms.items()}
    finally:
        ort.close()
    with open(os.path.join(a.work, "report.json"), "w") as f:
        json.dump(report, f, indent=1)
    print("report:", os.path.join(a.work, "report.json"))


if __name__ == "__main__":
    main()
