#!/usr/bin/env python3
"""Records a golden trace of a reference predictor on a PNG clip (outside the jar; needs torch).

    # the official SAM 2.1 video predictor (facebookresearch/sam2 source tree in /work/scratch/sam2)
    PYTHONPATH=../export_sam2/debian_shims:/work/scratch/sam2 python3 trace.py --predictor sam2.1 \
        --model-config sam2.1_hiera_downscaled.yaml --checkpoint /work/scratch/ds/downscaled.pt \
        --clip CLIP --click 38,122 --out sam2.1.trace.json
    # the SAM2Long reference predictor (Mark12Ding/SAM2Long source tree in /work/scratch/SAM2Long)
    PYTHONPATH=../export_sam2/debian_shims:/work/scratch/SAM2Long python3 trace.py --predictor sam2long ...

Neither reference is copied here: the package is imported from the folder on PYTHONPATH (both
are called `sam2`, so one run traces one of them). The harness only *observes* them: it wraps a
few of their methods (decoder heads, track_step, memory encoder, memory attention, the memory
bank's dict `.get`) to record what went in and out, and replaces their JPEG-folder loader with a
PNG loader that does exactly what theirs does (PIL's default resize to the square input, /255,
ImageNet mean/std). One adaptation is needed for SAM2Long with a model smaller than 1024 px: its
object-aware modulation hard-codes 4096 (= 64x64) tokens per memory frame; the harness
substitutes the model's own h*w in that one function at load time (`--no-token-patch` to see it
fail). Everything runs on CPU in float32; memories are stored in bfloat16 by both predictors, as
they do on GPU (the SAM2Long evaluation script's bfloat16 autocast is CUDA-only and is not
active on CPU).

Trace format (JSON, `sam2long-reference-trace/1`): per frame the decoder calls (one per pathway
for SAM2Long, in pathway order) with the memory frames and pointer frames the call attended
(observed from the memory bank lookups, oldest first for frames, newest first for pointers, as
the reference orders them), the presence scores that ranked them, the modulation weights those
ranks give, the three multimask IoUs and the presence logit; the kept (pathway, candidate)
pairs with their cumulative scores; and the final output: presence, winning pathway slot, its
cumulative score, logit statistics, the video-resolution binary mask (row-major bits, most
significant bit first, zlib, base64; plus SHA-256 of its 0/1 bytes) and the low-resolution logits at every
second row and column (exact samples), quantised to 1e-3 (int32 little-endian, zlib, base64).
"""
import argparse
import base64
import hashlib
import inspect
import json
import os
import subprocess
import sys
import textwrap
import zlib

import numpy as np
import torch
from PIL import Image

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)
QUANTUM = 1e-3
STRIDE = 2  # low-res logits are kept at every STRIDE-th row and column (exact samples, not averages)


def png_frames(folder):
    names = sorted(n for n in os.listdir(folder) if n.endswith(".png"))
    if not names:
        raise SystemExit(f"no .png frames in {folder}")
    return [os.path.join(folder, n) for n in names]


def make_loader(paths):
    """Stand-in for sam2.utils.misc.load_video_frames on PNG files, same maths as theirs."""

    def load_video_frames(video_path, image_size, offload_video_to_cpu=False, img_mean=None, img_std=None,
                          async_loading_frames=False, compute_device=None, **_):
        images = []
        w = h = None
        for p in paths:
            img = Image.open(p)
            w, h = img.size
            x = np.asarray(img.convert("RGB").resize((image_size, image_size)), dtype=np.float64) / 255.0
            images.append(torch.from_numpy(x).permute(2, 0, 1).float())
        images = torch.stack(images)
        mean = torch.tensor(MEAN.tolist(), dtype=torch.float32)[:, None, None]
        std = torch.tensor(STD.tolist(), dtype=torch.float32)[:, None, None]
        images = (images - mean) / std
        return images, h, w

    return load_video_frames


def patch_token_count(hw):
    """SAM2Long's modulation assumes 4096 tokens per memory frame (a 1024 px model)."""
    from sam2.modeling import memory_attention as ma

    src = textwrap.dedent(inspect.getsource(ma.MemoryAttentionLayer._forward_ca))
    if "4096" not in src:
        return False
    ns = dict(vars(ma))
    exec(compile(src.replace("4096", str(hw)), ma.__file__, "exec"), ns)
    ma.MemoryAttentionLayer._forward_ca = ns["_forward_ca"]
    return True


def quantised(logits):
    q = np.round(np.asarray(logits, dtype=np.float64) / QUANTUM).astype("<i4")
    return base64.b64encode(zlib.compress(q.tobytes(), 9)).decode("ascii")


def output_record(low_res, video_res):
    lr = low_res.detach().float().reshape(low_res.shape[-2], low_res.shape[-1]).numpy()
    vr = (video_res.detach().float().reshape(video_res.shape[-2], video_res.shape[-1]).numpy() > 0)
    return {
        "logits": {"min": float(lr.min()), "max": float(lr.max()), "mean": float(lr.mean()),
                   "abs_mean": float(np.abs(lr).mean())},
        "low_res_q": quantised(lr[::STRIDE, ::STRIDE]),
        "mask_area": int(vr.sum()),
        "mask_sha256": hashlib.sha256(vr.astype(np.uint8).tobytes()).hexdigest(),
        "mask_bits": base64.b64encode(zlib.compress(np.packbits(vr.reshape(-1)).tobytes(), 9)).decode("ascii"),
    }


class LoggingDict(dict):
    """The memory bank's non-conditioning dict; logs successful `.get` lookups while armed."""

    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.log = None

    def get(self, key, default=None):
        if self.log is not None and key in self:
            self.log.append(int(key))
        return super().get(key, default)


def modulation(scores, low=0.95, high=1.05):
    """Key weights by rank of presence (the paper's object-aware modulation), as torch computes them."""
    if len(scores) <= 1:
        return [1.0] * len(scores)
    w = torch.stack(scores, dim=1)
    std = torch.linspace(low, high, len(scores)).to(w)
    out = torch.zeros_like(w)
    out.scatter_(1, torch.argsort(w, dim=1), std.unsqueeze(0))
    return [float(v) for v in out[0]]


class Recorder:
    def __init__(self, model, hw, tokens_per_ptr):
        self.model = model
        self.hw = hw
        self.tpp = tokens_per_ptr
        self.calls = []      # decoder calls of the current frame
        self.call = None
        self.bank = None
        self.encodes = []    # (data_ptr, offset) of masks sent to the memory encoder, in order

    def install(self):
        m = self.model
        rec = self

        orig_heads = m._forward_sam_heads

        def heads(*a, **k):
            out = orig_heads(*a, **k)
            if rec.call is not None:
                rec.call["iou"] = [float(v) for v in out[2][0]]
                rec.call["presence"] = float(out[6].reshape(-1)[0])  # object_score_logits in both
                hr = out[1]
                rec.call["_hr_ptr"] = (hr.storage().data_ptr(), hr.storage_offset(), hr.shape[-1] * hr.shape[-2])
            return out

        m._forward_sam_heads = heads

        orig_prep = m._prepare_memory_conditioned_features

        def prep(*a, **k):
            if rec.bank is not None and rec.call is not None:
                rec.bank.log = rec.call.setdefault("_gets", [])
            try:
                return orig_prep(*a, **k)
            finally:
                if rec.bank is not None:
                    rec.bank.log = None

        m._prepare_memory_conditioned_features = prep

        ma = m.memory_attention
        orig_ma = ma.forward

        def attend(*a, **k):
            if rec.call is not None:
                memory = k.get("memory", a[1] if len(a) > 1 else None)
                nptr = int(k.get("num_obj_ptr_tokens", 0))
                rec.call["_n_frames"] = (memory.shape[0] - nptr) // rec.hw
                rec.call["_n_ptrs"] = nptr // rec.tpp
                fs, ps = k.get("object_frame_scores"), k.get("object_ptr_scores")
                if fs is not None:
                    rec.call["frame_scores"] = [float(s.float().reshape(-1)[0]) for s in fs]
                    rec.call["pointer_scores"] = [float(s.float().reshape(-1)[0]) for s in ps]
                    rec.call["frame_weights"] = modulation(fs) if len(fs) > 1 else [1.0] * len(fs)
                    rec.call["pointer_weights"] = modulation(ps) if len(fs) > 1 else [1.0] * len(ps)
            return orig_ma(*a, **k)

        ma.forward = attend

        orig_track = m.track_step

        def track_step(*a, **k):
            rec.call = {"pathway": len(rec.calls)}
            rec.calls.append(rec.call)
            try:
                return orig_track(*a, **k)
            finally:
                rec.call = None

        m.track_step = track_step

        orig_enc = m._encode_new_memory

        def encode(*a, **k):
            hr = k.get("pred_masks_high_res")
            if hr is not None:
                rec.encodes.append((hr.storage().data_ptr(), hr.storage_offset()))
            return orig_enc(*a, **k)

        m._encode_new_memory = encode

    def finish_calls(self, cond_frames=1):
        """Splits the logged lookups into memory frames and pointer frames."""
        out = []
        for c in self.calls:
            gets = c.pop("_gets", [])
            nf = c.pop("_n_frames", 0)
            npt = c.pop("_n_ptrs", 0)
            if nf:
                ns = max(nf - cond_frames, 0)
                c["memory_frames"] = gets[:ns]
                c["pointer_frames"] = gets[ns:ns + max(npt - cond_frames, 0)]
                c["memory_tokens"] = {"frames": nf, "pointers": npt}
            out.append(c)
        return out


def git_commit(src):
    try:
        return subprocess.run(["git", "-C", src, "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except Exception:
        return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--predictor", choices=["sam2.1", "sam2long"], required=True)
    p.add_argument("--model-config", required=True, help="SAM 2.1 YAML (absolute or relative path)")
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--clip", required=True, help="folder of PNG frames (sorted by name)")
    p.add_argument("--click", help="x,y of one positive click on --prompt-frame, clip pixels")
    p.add_argument("--mask", help="instead of --click: a mask prompt on --prompt-frame (add_new_mask, the "
                                  "reference's evaluation protocol), a PNG at clip size, non-zero = object")
    p.add_argument("--prompt-frame", type=int, default=0)
    p.add_argument("--num-pathway", type=int, default=3)
    p.add_argument("--iou-thre", type=float, default=0.1)
    p.add_argument("--uncertainty", type=float, default=2.0)
    p.add_argument("--source-name", default=None, help="what to write as the reference's source")
    p.add_argument("--source-commit", default=None)
    p.add_argument("--no-token-patch", action="store_true")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    if (a.click is None) == (a.mask is None):
        p.error("give exactly one of --click and --mask")
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)

    # torch < 2.0 lacks F.scaled_dot_product_attention; the exporter installs its stand-in
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "export_sam2"))
    import export_sam2  # noqa: F401
    import sam2
    import sam2.sam2_video_predictor as svp
    from sam2.build_sam import build_sam2_video_predictor

    src = os.path.dirname(os.path.dirname(os.path.abspath(sam2.__file__)))
    paths = png_frames(a.clip)
    svp.load_video_frames = make_loader(paths)
    cfg = os.path.abspath(a.model_config)
    predictor = build_sam2_video_predictor(cfg, a.checkpoint, device="cpu")
    hw = predictor.sam_image_embedding_size ** 2
    tpp = predictor.hidden_dim // predictor.mem_dim
    patched = False
    if a.predictor == "sam2long" and not a.no_token_patch:
        patched = patch_token_count(hw)
    rec = Recorder(predictor, hw, tpp)
    rec.install()

    with torch.inference_mode():
        state = predictor.init_state(video_path=a.clip)
        if a.predictor == "sam2long":
            state["num_pathway"] = a.num_pathway
            state["iou_thre"] = a.iou_thre
            state["uncertainty"] = a.uncertainty
        if a.click is not None:
            cx, cy = (float(v) for v in a.click.split(","))
        else:
            prompt_mask = np.asarray(Image.open(a.mask).convert("L")) > 0
        frames = {}
        # the prompt: one positive click, as the official demo does
        orig_run = predictor._run_single_frame_inference
        per_frame = {}

        def run_single(*args, **kw):
            rec.calls = []
            rec.encodes = []
            out = orig_run(*args, **kw)
            per_frame[kw["frame_idx"]] = {"calls": rec.finish_calls(), "encodes": list(rec.encodes),
                                          "result": out, "highres": []}
            return out

        predictor._run_single_frame_inference = run_single
        # track_step inside the prompt frame is called directly; record its call too
        if a.click is not None:
            predictor.add_new_points_or_box(
                state, frame_idx=a.prompt_frame, obj_id=1,
                points=np.array([[cx, cy]], dtype=np.float32), labels=np.array([1], dtype=np.int32))
        else:
            # the mask at clip resolution, as the evaluation scripts pass it (a bool array)
            predictor.add_new_mask(state, frame_idx=a.prompt_frame, obj_id=1, mask=prompt_mask)
        prompt_calls = per_frame.get(a.prompt_frame, {}).get("calls", [])
        # the memory bank the predictor reads while tracking (per object in SAM 2.1, shared in SAM2Long)
        holder = state["output_dict_per_obj"][0] if a.predictor == "sam2.1" else state["output_dict"]
        assert not holder["non_cond_frame_outputs"]
        bank = LoggingDict()
        holder["non_cond_frame_outputs"] = bank
        rec.bank = bank

        if a.predictor == "sam2.1":
            video_res = {}
            calls_by_frame = {}
            # capture each frame's calls and high-res pointers before the next frame overwrites them
            for f, _, masks in predictor.propagate_in_video(state, start_frame_idx=a.prompt_frame):
                video_res[f] = masks[0:1]
            od = holder
            for f in range(a.prompt_frame, len(paths)):
                if f == a.prompt_frame:
                    low = od["cond_frame_outputs"][f]["pred_masks"]
                    calls = prompt_calls
                else:
                    low = od["non_cond_frame_outputs"][f]["pred_masks"]
                    calls = per_frame[f]["calls"]
                for c in calls:
                    c["chosen"] = int(np.argmax(c["iou"]))
                o = output_record(low, video_res[f])
                o["presence"] = float((od["cond_frame_outputs"] if f == a.prompt_frame else od["non_cond_frame_outputs"])[f]
                                      ["object_score_logits"].reshape(-1)[0])
                o["pathway"], o["score"] = 0, 0.0
                frames[f] = {"frame": f, "calls": calls, "output": o}
        else:
            obj_ids, masks = predictor.propagate_in_video(state, start_frame_idx=a.prompt_frame)
            od = holder
            final_pick = None
            for f in sorted(per_frame):
                if f == a.prompt_frame:
                    continue
                final_pick = per_frame[f]["result"][2]
            for i, f in enumerate(range(a.prompt_frame, len(paths))):
                if f == a.prompt_frame:
                    entry = od["cond_frame_outputs"][f]
                    low = entry["pred_masks"]
                    pres = float(entry["object_score_logits"].reshape(-1)[0])
                    rec_f = {"frame": f, "calls": prompt_calls}
                    for c in prompt_calls:
                        c["chosen"] = int(np.argmax(c["iou"]))
                    slot, score = 0, 0.0
                else:
                    entry = od["non_cond_frame_outputs"][f]
                    slot = int(final_pick[0][f])
                    low = entry["pred_masks"][..., slot]
                    pres = float(entry["object_score_logits"][..., slot].reshape(-1)[0])
                    score = float(entry["acc_score"][slot])
                    pf = per_frame[f]
                    calls = pf["calls"]
                    prev = od["non_cond_frame_outputs"].get(f - 1) if f - 1 != a.prompt_frame else None
                    for c in calls:
                        c["score_before"] = float(prev["acc_score"][c["pathway"]]) if prev is not None else 0.0
                    ious = entry["ious"].reshape(-1)
                    scores = entry["object_score_logits"].reshape(-1)
                    rec_f = {"frame": f, "calls": calls,
                             "kept": [{"score": float(s), "iou": float(ious[min(k, len(ious) - 1)]),
                                       "presence": float(scores[min(k, len(scores) - 1)])}
                                      for k, s in enumerate(entry["acc_score"])]}
                    if f == a.prompt_frame + 1:
                        rec_f["bootstrap"] = True
                        for c in calls:
                            c["chosen"] = int(np.argmax(c["iou"]))
                        rec_f["kept"] = [dict(rec_f["kept"][0], pathway=0, candidate=calls[0]["chosen"])
                                         for _ in range(a.num_pathway)]
                    else:
                        rec_f["kept"] = match_kept(pf, rec_f["kept"])
                o = output_record(low, masks[i])
                o["presence"], o["pathway"], o["score"] = pres, slot, score
                rec_f["output"] = o
                frames[f] = rec_f
    for fr in frames.values():
        for c in fr.get("calls", []):
            c.pop("_hr_ptr", None)

    trace = {
        "format": "sam2long-reference-trace/1",
        "predictor": a.predictor,
        "reference": {"name": a.source_name or ("facebookresearch/sam2" if a.predictor == "sam2.1"
                                                else "Mark12Ding/SAM2Long"),
                      "commit": a.source_commit or git_commit(src)},
        "settings": ({"num_pathway": a.num_pathway, "iou_thre": a.iou_thre, "uncertainty": a.uncertainty,
                      "token_count_patch": patched} if a.predictor == "sam2long" else {}),
        "runtime": {"device": "cpu", "dtype": "float32", "memory_storage": "bfloat16",
                    "torch": torch.__version__, "threads": a.threads},
        "model": {"config": os.path.basename(a.model_config),
                  "checkpoint_sha256": hashlib.sha256(open(a.checkpoint, "rb").read()).hexdigest()},
        "clip": {"frames": len(paths), "first": os.path.basename(paths[0])},
        "prompt": ({"frame": a.prompt_frame, "object": 1, "clicks": [[cx, cy, 1]]} if a.click is not None else
                   {"frame": a.prompt_frame, "object": 1, "clicks": [],
                    "mask": {"width": int(prompt_mask.shape[1]), "height": int(prompt_mask.shape[0]),
                             "area": int(prompt_mask.sum()),
                             "bits": base64.b64encode(zlib.compress(
                                 np.packbits(prompt_mask.reshape(-1)).tobytes(), 9)).decode("ascii")}}),
        "mask_size": int(predictor.image_size // 4),
        "logits_quantum": QUANTUM,
        "logits_stride": STRIDE,
        "frames": [frames[f] for f in sorted(frames)],
    }
    with open(a.out, "w") as fh:
        json.dump(trace, fh, separators=(",", ":"))
    print(f"wrote {a.out}: {len(frames)} frames, {os.path.getsize(a.out) / 1024:.0f} KiB")
    summarise(trace)


def match_kept(pf, kept):
    """Which (pathway, candidate) each kept slot is: the memory encoder saw that call's mask j."""
    calls = pf["calls"]
    out = []
    for k, (ptr, offset) in enumerate(pf["encodes"]):
        hit = None
        for c in calls:
            hr = c.get("_hr_ptr")
            if hr is not None and hr[0] == ptr:
                hit = (c["pathway"], (offset - hr[1]) // hr[2])
        rec = dict(kept[k])
        if hit is not None:
            rec["pathway"], rec["candidate"] = hit
        out.append(rec)
    return out


def summarise(trace):
    unc = div = pruned = 0
    for fr in trace["frames"]:
        calls = fr.get("calls", [])
        if trace["predictor"] == "sam2long" and len(calls) > 1:
            if max(abs(c["presence"]) for c in calls) <= trace["settings"]["uncertainty"]:
                unc += 1
            kept = fr.get("kept", [])
            parents = {k.get("pathway") for k in kept}
            if len(parents) < len(calls):
                pruned += 1
            if len({(k.get("pathway"), k.get("candidate")) for k in kept}) == len(kept) and len(parents) < len(kept):
                div += 1
    pres = [fr["output"]["presence"] for fr in trace["frames"]]
    print(f"uncertain frames {unc}, frames where a pathway was dropped {pruned}, frames with two kept "
          f"children of one pathway {div}; presence min {min(pres):.2f} max {max(pres):.2f}; "
          f"absent frames {sum(1 for p in pres if p <= 0)}")


if __name__ == "__main__":
    main()
