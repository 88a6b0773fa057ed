"""Checks the demo model: tracks the engine's synthetic clip with the numpy mirror of the network
(a simplified SAM 2 video loop), prompts with a box and a mask, shows that key scales matter, and
compares the ONNX graphs run by ONNX Runtime (Java) with the numpy mirror.

    /usr/bin/python3 engine/tooling/synthetic_model/check_model.py [--model DIR] [--quick | --no-ort | --ort-only] [--verbose]

--quick: only the single-object disc track; --no-ort: skip ONNX Runtime; --ort-only: only ONNX Runtime.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import demo_net as dn  # noqa: E402
import synthetic_clip as sc  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
DEFAULT_MODEL = os.path.join(REPO, "engine", "core", "src", "main", "resources", "models", "sam2long-demo")
HOST = dn.host_tensors()


# ---------------------------------------------------------------------------- model calls
class Features:
    def __init__(self, clip, t):
        self.t = t
        self.image = sc.preprocess(clip.frame(t))
        o = dn.run_numpy("image_encoder", image=self.image)
        self.features, self.pos, self.hr0, self.hr1 = o["features"], o["feature_pos"], o["high_res_0"], o["high_res_1"]


def decode(f, cond, coords, labels, mask=None, has_mask=None):
    b = cond.shape[0]
    if mask is None:
        mask = np.zeros((b, 1, dn.M, dn.M), np.float32)
        has_mask = np.zeros((b, 1), np.float32)
    return dn.run_numpy("mask_decoder", conditioned=cond, high_res_0=f.hr0, high_res_1=f.hr1,
                        point_coords=np.asarray(coords, np.float32), point_labels=np.asarray(labels, np.float32),
                        mask_input=mask, has_mask_input=has_mask)


def upsample_logits(lowres, size=dn.S):
    return np.stack([sc.bilinear(l, size, size) for l in lowres])[:, None]


def encode_memory(f, lowres, scores, binarize):
    """lowres [B,M,M] chosen logits -> token-major memory, pos [B,hw,m]."""
    up = upsample_logits(lowres)
    prob = np.where(binarize[:, None, None, None], (up > 0).astype(np.float32), 1 / (1 + np.exp(-np.clip(up, -80, 80))))
    mfm = (prob * dn.SIGMOID_SCALE + dn.SIGMOID_BIAS).astype(np.float32)
    o = dn.run_numpy("memory_encoder", features=f.features, mask_for_memory=mfm,
                     object_score=np.asarray(scores, np.float32).reshape(-1, 1))
    b = lowres.shape[0]
    tok = lambda x: x.reshape(b, dn.MC, -1).transpose(0, 2, 1).copy()
    return tok(o["memory"]), tok(o["memory_pos"])


def stable(logits, delta=0.05, thresh=0.98):
    inter = (logits > delta).sum()
    union = (logits > -delta).sum()
    return (inter / union if union > 0 else 1.0) >= thresh


Result = collections.namedtuple("Result", "t lowres presence chosen iou pointer")


class Node:
    def __init__(self, t, memory, pos, pointer, presence, iou, lowres, cond):
        self.t, self.memory, self.pos, self.pointer = t, memory, pos, pointer
        self.presence, self.iou, self.lowres, self.cond = presence, iou, lowres, cond


def plan(conds, history, t, step=1):
    """SAM 2.1 memory choice: every cond frame (row num_maskmem-1) + the previous 6 frames by distance;
    pointers of the past cond frames + the previous 15 frames, each with its temporal encoding."""
    mem, pos, ptr, ppos = [], [], [], []
    for c in conds:
        mem.append(c.memory)
        pos.append(c.pos + HOST["maskmem_tpos_enc"][dn.NUM_MASKMEM - 1])
        if (t - c.t) * step >= 0:
            ptr.append(c.pointer)
            ppos.append(dn.pointer_pos(abs(t - c.t), HOST))
    for n in history:
        dist = abs(t - n.t)
        if 1 <= dist <= dn.NUM_MASKMEM - 1:
            mem.append(n.memory)
            pos.append(n.pos + HOST["maskmem_tpos_enc"][dist - 1])
    for n in history:
        dist = abs(t - n.t)
        if 1 <= dist <= dn.MAX_OBJ_PTRS - 1:
            ptr.append(n.pointer)
            ppos.append(dn.pointer_pos(dist, HOST))
    return (np.concatenate(mem), np.concatenate(pos), np.stack(ptr), np.stack(ppos))


def rank_weights(presence, lo=0.95, hi=1.05):
    """SAM2Long object-aware modulation (as tree.Modulation): even spread over [lo, hi] by presence rank."""
    n = len(presence)
    if n == 1:
        return np.ones(1, np.float32)
    order = sorted(range(n), key=lambda i: presence[i])
    w = np.zeros(n, np.float32)
    for rank, i in enumerate(order):
        w[i] = lo + (hi - lo) * rank / (n - 1)
    return w


def plan_gated(conds, history, t, step=1, iou_thresh=0.3):
    """SAM2Long memory choice for one pathway (as MemorySelector with gating): keep history frames with
    iou > thresh and presence > 0 (the previous frame always), spatial = 6 most recent kept (slot row =
    rank), pointers = up to 15 kept (true distance); key weights by presence rank (cond frames = 10)."""
    kept = []
    for n in history:
        if n.iou > iou_thresh and n.presence > 0:
            kept.append(n)
        if len(kept) >= dn.MAX_OBJ_PTRS - 1:
            break
    if history and abs(t - history[0].t) == 1 and history[0] not in kept:
        kept.insert(0, history[0])
    mem, pos, mpres, ptr, ppos, ppres = [], [], [], [], [], []
    for c in conds:
        mem.append(c.memory); pos.append(c.pos + HOST["maskmem_tpos_enc"][dn.NUM_MASKMEM - 1]); mpres.append(10.0)
        if (t - c.t) * step >= 0:
            ptr.append(c.pointer); ppos.append(dn.pointer_pos(abs(t - c.t), HOST)); ppres.append(10.0)
    for rank, n in enumerate(kept[:dn.NUM_MASKMEM - 1]):
        mem.append(n.memory); pos.append(n.pos + HOST["maskmem_tpos_enc"][rank]); mpres.append(n.presence)
    for n in kept[:dn.MAX_OBJ_PTRS - 1]:
        ptr.append(n.pointer); ppos.append(dn.pointer_pos(abs(t - n.t), HOST)); ppres.append(n.presence)
    mw = rank_weights(mpres) if len(mem) > 1 else np.ones(len(mem), np.float32)
    pw = rank_weights(ppres) if len(mem) > 1 else np.ones(len(ptr), np.float32)
    hw = dn.GRID * dn.GRID
    return (np.concatenate(mem), np.concatenate(pos), np.stack(ptr), np.stack(ppos), np.repeat(mw, hw), pw)


def attend(f, plans, mscale=None, pscale=None):
    mem = np.stack([p[0] for p in plans]); pos = np.stack([p[1] for p in plans])
    ptr = np.stack([p[2] for p in plans]); ppos = np.stack([p[3] for p in plans])
    b, n, _ = mem.shape
    p = ptr.shape[1]
    mscale = np.ones((b, n), np.float32) if mscale is None else mscale
    pscale = np.ones((b, p), np.float32) if pscale is None else pscale
    return dn.run_numpy("memory_attention", features=f.features, feature_pos=f.pos, memory=mem, memory_pos=pos,
                        pointers=ptr, pointer_pos=ppos, memory_key_scale=mscale, pointer_key_scale=pscale)["conditioned"]


def no_memory(f, b):
    return np.repeat(f.features + HOST["no_mem_embed"].reshape(1, -1, 1, 1), b, axis=0)


def to_input(x, y, clip):
    return x * dn.S / clip.width, y * dn.S / clip.height


# ---------------------------------------------------------------------------- tracking
def click_prompt(clip, obj, t):
    c = clip.disc_centre(t) if obj == sc.DISC else clip.square_centre(t)
    return [to_input(*c, clip)], [1]


def choose(d, i, policy, points):
    """SAM 2.1's choice: on a prompted frame multimask (best iou of 1..3) with <= 1 point, else single
    mask unless unstable; on tracking frames single mask when stable ('sam2') or always the best-iou
    multimask ('engine', what TrackingSession does today)."""
    if points is not None:
        if points <= 1 or not stable(d["mask_logits"][i, 0]):
            return 1 + int(np.argmax(d["iou"][i, 1:]))
        return 0
    if policy == "sam2" and stable(d["mask_logits"][i, 0]):
        return 0
    return 1 + int(np.argmax(d["iou"][i, 1:]))


def track(clip, objects, policy="sam2", frames=None, start=0, step=1, prompts=None, record=None):
    """Tracks objects (ids) in one batch from `start` in direction `step`. prompts: {obj: {frame: (coords,
    labels)}} in input pixels (default: one positive click at the object's centre on `start`).
    Returns {obj: [Result]}."""
    end = (clip.frames if step > 0 else -1) if frames is None else frames
    if prompts is None:
        prompts = {o: {start: click_prompt(clip, o, start)} for o in objects}
    b = len(objects)
    out = {o: [] for o in objects}
    conds = [[] for _ in range(b)]
    hist = [[] for _ in range(b)]
    for t in range(start, end, step):
        f = Features(clip, t)
        prompted = [t in prompts[o] for o in objects]
        if any(prompted):
            assert all(prompted), "objects of one batch are prompted on the same frames"
            k = max(len(prompts[o][t][1]) for o in objects)
            coords = np.zeros((b, k, 2), np.float32); labels = -np.ones((b, k), np.float32)
            for i, o in enumerate(objects):
                c, l = prompts[o][t]
                coords[i, :len(l)] = c; labels[i, :len(l)] = l
            cin = no_memory(f, b)
            d = decode(f, cin, coords, labels)
            if record is not None:
                record.append(("mask_decoder", dict(conditioned=cin, high_res_0=f.hr0, high_res_1=f.hr1,
                               point_coords=coords, point_labels=labels,
                               mask_input=np.zeros((b, 1, dn.M, dn.M), np.float32), has_mask_input=np.zeros((b, 1), np.float32))))
            chosen = [choose(d, i, policy, int((labels[i] >= 0).sum())) for i in range(b)]
            binarize = np.ones(b, bool)
        else:
            if policy == "sam2long":
                plans = [plan_gated(conds[i], hist[i], t, step) for i in range(b)]
                cin = np.concatenate([attend(f, [p[:4]], p[4][None], p[5][None]) for p in plans])
            else:
                plans = [plan(conds[i], hist[i], t, step) for i in range(b)]
                shapes = {(p[0].shape[0], p[2].shape[0]) for p in plans}
                if len(shapes) == 1:
                    cin = attend(f, plans)
                else:
                    cin = np.concatenate([attend(f, [p]) for p in plans])
            d = decode(f, cin, np.zeros((b, 1, 2)), -np.ones((b, 1)))
            if record is not None and t in (5, 50, 70):
                mem = np.stack([p[0] for p in plans]); posm = np.stack([p[1] for p in plans])
                ptr = np.stack([p[2] for p in plans]); ppos = np.stack([p[3] for p in plans])
                record.append(("image_encoder", dict(image=f.image)))
                record.append(("memory_attention", dict(features=f.features, feature_pos=f.pos, memory=mem, memory_pos=posm,
                               pointers=ptr, pointer_pos=ppos,
                               memory_key_scale=np.linspace(0.95, 1.05, mem.shape[1], dtype=np.float32)[None].repeat(b, 0),
                               pointer_key_scale=np.ones(ptr.shape[:2], np.float32))))
                record.append(("mask_decoder", dict(conditioned=cin, high_res_0=f.hr0, high_res_1=f.hr1,
                               point_coords=np.zeros((b, 1, 2), np.float32), point_labels=-np.ones((b, 1), np.float32),
                               mask_input=np.zeros((b, 1, dn.M, dn.M), np.float32), has_mask_input=np.zeros((b, 1), np.float32))))
            chosen = [choose(d, i, policy, None) for i in range(b)]
            binarize = np.zeros(b, bool)
        low = np.stack([d["mask_logits"][i, chosen[i]] for i in range(b)])
        scores = d["object_score"][:, 0]
        mem, pos = encode_memory(f, low, scores, binarize)
        if record is not None and t in (5, 70):
            up = upsample_logits(low)
            record.append(("memory_encoder", dict(features=f.features,
                           mask_for_memory=(1 / (1 + np.exp(-np.clip(up, -80, 80))) * 20 - 10).astype(np.float32),
                           object_score=scores.reshape(-1, 1).astype(np.float32))))
        for i, o in enumerate(objects):
            node = Node(t, mem[i], pos[i], d["pointers"][i, chosen[i]], scores[i], d["iou"][i, chosen[i]], low[i],
                        prompted[i])
            if prompted[i]:
                conds[i].append(node)
            else:
                hist[i].insert(0, node)
                del hist[i][128:]
            out[o].append(Result(t, low[i], float(scores[i]), chosen[i], d["iou"][i].copy(), d["pointers"][i, chosen[i]].copy()))
    return out


def evaluate(clip, obj, results):
    js, fs = [], []
    for r in results:
        t = r.t
        full = sc.bilinear(sc.hole_fill(r.lowres, 8), clip.width, clip.height) > 0
        truth = clip.truth(obj, t)
        js.append(sc.region_j(full, truth))
        fs.append(sc.boundary_f(full, truth))
    return np.array(js), np.array(fs)


# ---------------------------------------------------------------------------- ONNX Runtime (Java)
def ort_jar():
    jar = os.path.expanduser("~/.m2/repository/com/microsoft/onnxruntime/onnxruntime/1.29.0/onnxruntime-1.29.0.jar")
    if not os.path.exists(jar):
        subprocess.run(["mvn", "-q", "dependency:get", "-Dartifact=com.microsoft.onnxruntime:onnxruntime:1.29.0"], check=True)
    return jar


def run_ort(model_dir, cases):
    """cases: [(graph, {name: array})] -> [{output: array}] via Harness.java (one JVM for all)."""
    tmp = tempfile.mkdtemp(prefix="demo-ort-")
    lines = []
    for i, (graph, inputs) in enumerate(cases):
        ind, outd = os.path.join(tmp, f"in{i}"), os.path.join(tmp, f"out{i}")
        os.makedirs(ind); os.makedirs(outd)
        with open(os.path.join(ind, "tensors.txt"), "w") as fh:
            for name, a in inputs.items():
                a = np.ascontiguousarray(a, "<f4")
                a.tofile(os.path.join(ind, name + ".bin"))
                fh.write(name + " " + " ".join(str(s) for s in a.shape) + "\n")
        lines.append(f"{os.path.join(model_dir, graph + '.onnx')} {ind} {outd}")
    with open(os.path.join(tmp, "jobs.txt"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    subprocess.run(["java", "-cp", ort_jar(), os.path.join(HERE, "Harness.java"), os.path.join(tmp, "jobs.txt")], check=True)
    res = []
    for i in range(len(cases)):
        outd = os.path.join(tmp, f"out{i}")
        r = {}
        for line in open(os.path.join(outd, "tensors.txt")):
            p = line.split()
            r[p[0]] = np.fromfile(os.path.join(outd, p[0] + ".bin"), "<f4").reshape([int(x) for x in p[1:]])
        res.append(r)
    return res


# ---------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--no-ort", action="store_true")
    ap.add_argument("--quick", action="store_true", help="only the single-object track")
    ap.add_argument("--ort-only", action="store_true", help="only the ONNX Runtime comparison")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    clip = sc.SyntheticClip(sc.PERIOD)
    t0 = time.time()
    summary = {}

    def report(name, obj, res):
        j, f = evaluate(clip, obj, res)
        pres = np.array([r.presence for r in res])
        truth_area = np.array([clip.truth(obj, t).sum() for t in range(len(res))])
        print(f"{name}: mean J {j.mean():.4f}  mean F {f.mean():.4f}  J&F {(j.mean() + f.mean()) / 2:.4f}  "
              f"min J {j.min():.3f} @ {int(np.argmin(j))}")
        summary[name] = dict(J=round(float(j.mean()), 4), F=round(float(f.mean()), 4))
        print("   J per frame: " + " ".join(f"{x:.2f}" for x in j))
        if args.verbose:
            for r, jj in zip(res, j):
                print(f"{r.t:3d} J={jj:.2f} pres={r.presence:+6.1f} m{r.chosen} "
                      f"iou=[{' '.join(f'{x:.2f}' for x in r.iou)}] gt={truth_area[r.t]}")
        return j, pres, truth_area

    if args.ort_only:
        return compare_with_ort(args, clip, summary)
    # 1. one object at a time, both selection policies
    runs = {}
    for policy in ("sam2", "engine", "sam2long"):
        for obj, nm in ((sc.DISC, "disc"), (sc.SQUARE, "square")):
            if args.quick and (policy != "sam2" or obj != sc.DISC):
                continue
            res = track(clip, [obj], policy)[obj]
            runs[(policy, obj)] = res
            j, pres, area = report(f"{nm:6s} alone, policy {policy}", obj, res)
            if obj == sc.DISC:
                absent = area == 0
                print(f"   presence logit when absent (GT empty, {absent.sum()} frames): max {pres[absent].max():+.2f}; "
                      f"when visible: min {pres[~absent].min():+.2f}, visible >= 200 px: min {pres[area >= 200].min():+.2f}")
                print("   presence per frame: " + " ".join(f"{p:+.0f}" for p in pres))
                out_frames = [t for t in range(len(res)) if 48 <= t <= 63]
                print(f"   frames 48..63 (out of frame): presence max {pres[out_frames].max():+.2f}; "
                      f"J after return (66..83) {j[66:84].mean():.4f}")
    if args.quick:
        return
    # 2. both objects as one batch (B=2)
    both = track(clip, [sc.DISC, sc.SQUARE], "sam2")
    report("disc   in batch B=2, policy sam2", sc.DISC, both[sc.DISC])
    report("square in batch B=2, policy sam2", sc.SQUARE, both[sc.SQUARE])
    diff = max(np.abs(np.maximum(a[1], -50) - np.maximum(b[1], -50)).max()
               for a, b in zip(both[sc.DISC], runs[("sam2", sc.DISC)]))
    print(f"   batch vs single max |logit diff| (clamped at -50): {diff:.2e}")

    # 2b. backward from a prompt on frame 40, a correction on frame 85, the distractor clip
    back = track(clip, [sc.DISC], "sam2", start=40, step=-1)[sc.DISC][::-1]
    jb, _ = evaluate(clip, sc.DISC, back)
    print(f"disc backward from a click on frame 40: mean J on frames 0..39 {jb.mean():.4f}")
    summary["backward_J_0_39"] = round(float(jb.mean()), 4)
    c85 = clip.disc_centre(85)
    corr = {sc.DISC: {0: click_prompt(clip, sc.DISC, 0),
                      85: ([to_input(c85[0] + 5, c85[1] - 5, clip), to_input(c85[0] - 45, c85[1], clip)], [1, 0])}}
    rc = track(clip, [sc.DISC], "sam2", prompts=corr)[sc.DISC]
    jc, _ = evaluate(clip, sc.DISC, rc)
    print(f"disc with a correction (+/- clicks) on frame 85: mean J {jc.mean():.4f}, on 85..119 {jc[85:].mean():.4f}")
    dclip = sc.SyntheticClip(sc.PERIOD, distractor=True)
    for policy in ("sam2", "engine", "sam2long"):
        rd = track(dclip, [sc.DISC], policy)[sc.DISC]
        jd_, fd_ = evaluate(dclip, sc.DISC, rd)
        print(f"distractor clip (a slightly different red disc drops in while the disc is behind the bar), greedy policy {policy}: mean J {jd_.mean():.4f} "
              f"J&F {(jd_.mean() + fd_.mean()) / 2:.4f}, min J {jd_.min():.3f} @ {int(np.argmin(jd_))}")
        summary[f"distractor_J_{policy}"] = round(float(jd_.mean()), 4)

    # 3. box and mask prompts on frame 0
    f = Features(clip, 0)
    d0 = clip.disc_centre(0)
    x0, y0 = to_input(d0[0] - 30, d0[1] - 30, clip)
    x1, y1 = to_input(d0[0] + 30, d0[1] + 30, clip)
    db = decode(f, no_memory(f, 1), [[[x0, y0], [x1, y1]]], [[2, 3]])
    truth_sq = clip.truth(sc.SQUARE, 0)
    mk = mask_logits_from_binary(truth_sq, dn.M)
    dm = decode(f, no_memory(f, 1), [[[0, 0]]], [[-1]], mk[None, None], np.ones((1, 1), np.float32))
    for nm, d, obj in (("box on disc", db, sc.DISC), ("mask on square", dm, sc.SQUARE)):
        js_ = [sc.region_j(sc.bilinear(d["mask_logits"][0, k], clip.width, clip.height) > 0, clip.truth(obj, 0)) for k in range(4)]
        print(f"{nm}: J of masks 0..3 = {' '.join(f'{x:.3f}' for x in js_)}  iou = {np.round(d['iou'][0], 3)}  "
              f"presence {d['object_score'][0, 0]:+.2f}")
        summary[nm] = [round(float(x), 4) for x in js_]
    # clicks on frame 0: masks and ious
    for obj, nm in ((sc.DISC, "click on disc"), (sc.SQUARE, "click on square")):
        c = clip.disc_centre(0) if obj == sc.DISC else clip.square_centre(0)
        d = decode(f, no_memory(f, 1), [[to_input(*c, clip)]], [[1]])
        js_ = [sc.region_j(sc.bilinear(d["mask_logits"][0, k], clip.width, clip.height) > 0, clip.truth(obj, 0)) for k in range(4)]
        print(f"{nm}: J of masks 0..3 = {' '.join(f'{x:.3f}' for x in js_)}  iou = {np.round(d['iou'][0], 3)}  "
              f"presence {d['object_score'][0, 0]:+.2f}")
    # correction-style prompt (positive + negative click) on frame 85, and no prompt at all
    f85 = Features(clip, 85)
    c = clip.disc_centre(85)
    d = decode(f85, no_memory(f85, 1), [[to_input(c[0] + 5, c[1] - 5, clip), to_input(c[0] - 45, c[1], clip)]], [[1, 0]])
    jj = sc.region_j(sc.bilinear(d["mask_logits"][0, 0], clip.width, clip.height) > 0, clip.truth(sc.DISC, 85))
    print(f"frame 85 positive + negative click: J mask 0 = {jj:.3f}, presence {d['object_score'][0, 0]:+.2f}")
    d = decode(f, no_memory(f, 1), [[[0, 0]]], [[-1]])
    print(f"no prompt, no memory: presence {d['object_score'][0, 0]:+.2f}, max logit {d['mask_logits'].max():.0f}")

    # 4. key scales change the memory attention output
    res = runs[("sam2", sc.DISC)]
    ft = Features(clip, 30)
    demo_plans = memory_plan_for(clip, res, 30)
    base = attend(ft, [demo_plans])
    n = demo_plans[0].shape[0]
    p = demo_plans[2].shape[0]
    ms = np.repeat(np.linspace(0.95, 1.05, n // 256, dtype=np.float32), 256)[None]
    mod = attend(ft, [demo_plans], ms, np.linspace(0.95, 1.05, p, dtype=np.float32)[None])
    print(f"key scales 0.95..1.05 vs 1.0 at frame 30: max |conditioned diff| {np.abs(mod - base).max():.4f} "
          f"(P channel {np.abs(mod - base)[:, dn.F_P].max():.4f})")
    summary["key_scale_diff"] = float(np.abs(mod - base).max())
    print(f"numpy checks took {time.time() - t0:.0f} s")
    with open(os.path.join(tempfile.gettempdir(), "demo_model_summary.json"), "w") as fh:
        json.dump(summary, fh, indent=1)

    if args.no_ort:
        return
    compare_with_ort(args, clip, summary)


def compare_with_ort(args, clip, summary):
    """5. ONNX Runtime (Java) vs numpy on real inputs from the clip and on edge cases."""
    rec = []
    res = track(clip, [sc.DISC, sc.SQUARE], "sam2", frames=71, record=rec)[sc.DISC]
    f = Features(clip, 0)
    d0 = clip.disc_centre(0)
    x0, y0 = to_input(d0[0] - 30, d0[1] - 30, clip)
    x1, y1 = to_input(d0[0] + 30, d0[1] + 30, clip)
    mk = mask_logits_from_binary(clip.truth(sc.SQUARE, 0), dn.M)
    rec.append(big_case(clip, res))
    rec.append(("memory_encoder", dict(features=f.features, mask_for_memory=np.full((3, 1, dn.S, dn.S), -10, np.float32),
                                       object_score=np.array([[-3.0], [0.0], [5.0]], np.float32))))
    rec.append(("mask_decoder", dict(conditioned=no_memory(f, 1), high_res_0=f.hr0, high_res_1=f.hr1,
                                     point_coords=np.array([[[x0, y0], [x1, y1]]], np.float32),
                                     point_labels=np.array([[2, 3]], np.float32),
                                     mask_input=np.zeros((1, 1, dn.M, dn.M), np.float32), has_mask_input=np.zeros((1, 1), np.float32))))
    rec.append(("mask_decoder", dict(conditioned=no_memory(f, 1), high_res_0=f.hr0, high_res_1=f.hr1,
                                     point_coords=np.zeros((1, 1, 2), np.float32), point_labels=-np.ones((1, 1), np.float32),
                                     mask_input=mk[None, None], has_mask_input=np.ones((1, 1), np.float32))))
    n_clip = len(rec)
    rec.extend(stress_cases(clip, f))
    ort = run_ort(args.model, rec)
    worst = {}
    nonfinite = []
    for i, ((graph, inputs), o) in enumerate(zip(rec, ort)):
        group = "clip" if i < n_clip else "edge"
        ref = dn.run_numpy(graph, **inputs)
        for k, v in ref.items():
            if not np.isfinite(v).all():
                print(f"non-finite numpy output {graph}.{k}")
        shape = {k: v.shape for k, v in inputs.items() if v.ndim > 1}
        for k, v in ref.items():
            dd = float(np.abs(v - o[k]).max())
            worst[(group, graph, k)] = max(worst.get((group, graph, k), 0.0), dd)
            if not np.isfinite(o[k]).all():
                print(f"non-finite ONNX Runtime output {graph}.{k}")
                nonfinite.append(f"{graph}.{k}")
        if args.verbose:
            print(graph, {k: tuple(s) for k, s in shape.items()},
                  {k: f"{float(np.abs(v - o[k]).max()):.1e}" for k, v in ref.items()})
    print(f"ONNX Runtime (Java) vs numpy, max |diff|: 'clip' = {n_clip} calls on inputs from the clip (incl. "
          f"memory attention at B=16, N=7x256, P=16 with random key scales), 'edge' = {len(rec) - n_clip} edge "
          f"cases (decoder B=16, K=16 with every label kind and random memory; all-absent memory and pointers; "
          f"memory encoder B=16 with random masks)")
    for (group, graph, k), v in sorted(worst.items()):
        print(f"   {group:5s} {graph:16s} {k:14s} {v:.2e}")
    print(f"   non-finite values in any output: {'none' if not nonfinite else nonfinite}")
    summary["ort_max_diff"] = {f"{grp}.{g}.{k}": v for (grp, g, k), v in worst.items()}
    with open(os.path.join(tempfile.gettempdir(), "demo_model_summary.json"), "w") as fh:
        json.dump(summary, fh, indent=1)


def mask_logits_from_binary(mask, mk):
    """As the engine's ConditioningFrames.maskLogits: area-average to mk x mk, >= 0.5 -> +10 else -10."""
    h, w = mask.shape
    my = np.minimum(np.arange(h) * mk // h, mk - 1)
    mx = np.minimum(np.arange(w) * mk // w, mk - 1)
    acc = np.zeros((mk, mk)); cnt = np.zeros((mk, mk))
    np.add.at(acc, (my[:, None].repeat(w, 1), mx[None].repeat(h, 0)), mask)
    np.add.at(cnt, (my[:, None].repeat(w, 1), mx[None].repeat(h, 0)), 1)
    return np.where(acc / np.maximum(cnt, 1) >= 0.5, 10.0, -10.0).astype(np.float32)


def memory_plan_for(clip, res, t):
    """Rebuilds the memory plan of frame t from a finished single-object run prompted on frame 0."""
    nodes = {}
    for r in res[:t]:
        m, p = encode_memory(Features(clip, r.t), r.lowres[None], [r.presence], np.array([r.t == 0]))
        nodes[r.t] = Node(r.t, m[0], p[0], r.pointer, r.presence, r.iou[r.chosen], r.lowres, r.t == 0)
    hist = [nodes[k] for k in sorted(nodes, reverse=True) if k != 0]
    return plan([nodes[0]], hist, t)


def stress_cases(clip, f):
    """Edge cases: decoder at B=16, K=16 with every label kind and padding; memory and pointers that
    all say "no object"; memory encoder at B=16 with random masks; K=1 padding point with no memory."""
    rng = np.random.default_rng(11)
    b, k = 16, 16
    labels = rng.choice([-1, 0, 1, 2, 3], size=(b, k)).astype(np.float32)
    labels[0] = -1
    labels[1, :] = -1; labels[1, 0] = 1
    coords = rng.uniform(0, dn.S, (b, k, 2)).astype(np.float32)
    cond = np.repeat(f.features + HOST["no_mem_embed"].reshape(1, -1, 1, 1), b, 0)
    cond[8:, dn.F_FLAG] = 1.0
    cond[8:, dn.F_P] = rng.uniform(0, 1, (8, dn.GRID, dn.GRID))
    masks = np.where(rng.uniform(size=(b, 1, dn.M, dn.M)) > 0.7, 10.0, -10.0).astype(np.float32)
    hm = (rng.uniform(size=(b, 1)) > 0.5).astype(np.float32)
    cases = [("mask_decoder", dict(conditioned=cond, high_res_0=f.hr0, high_res_1=f.hr1, point_coords=coords,
                                   point_labels=labels, mask_input=masks, has_mask_input=hm))]
    mem, pos = encode_memory(f, np.full((3, dn.M, dn.M), -1024.0, np.float32), [-10.0] * 3, np.zeros(3, bool))
    noobj = np.repeat(dn.no_object_pointer()[None], 4, 0)
    ppos = np.stack([dn.pointer_pos(t, HOST) for t in range(4)])
    cases.append(("memory_attention", dict(features=f.features, feature_pos=f.pos, memory=mem.reshape(1, -1, dn.MC),
                                           memory_pos=pos.reshape(1, -1, dn.MC), pointers=noobj[None], pointer_pos=ppos[None],
                                           memory_key_scale=np.ones((1, 3 * 256), np.float32),
                                           pointer_key_scale=np.ones((1, 4), np.float32))))
    cases.append(("memory_encoder", dict(features=f.features,
                                         mask_for_memory=rng.uniform(-10, 10, (b, 1, dn.S, dn.S)).astype(np.float32),
                                         object_score=rng.uniform(-5, 5, (b, 1)).astype(np.float32))))
    return cases


def big_case(clip, res):
    """Memory attention at the contract's limits: B=16, N=7*256, P=16, random key scales."""
    f = Features(clip, 40)
    pl = memory_plan_for(clip, res, 20)
    rng = np.random.default_rng(7)
    n = pl[0].shape[0]
    p = pl[2].shape[0]
    reps = int(np.ceil(7 * 256 / n))
    mem = np.tile(pl[0], (reps, 1))[:7 * 256]; pos = np.tile(pl[1], (reps, 1))[:7 * 256]
    ptr = np.tile(pl[2], (16, 1))[:16]; ppos = np.tile(pl[3], (16, 1))[:16]
    b = 16
    return ("memory_attention", dict(features=f.features, feature_pos=f.pos,
                                     memory=np.repeat(mem[None], b, 0), memory_pos=np.repeat(pos[None], b, 0),
                                     pointers=np.repeat(ptr[None], b, 0), pointer_pos=np.repeat(ppos[None], b, 0),
                                     memory_key_scale=rng.uniform(0.95, 1.05, (b, 7 * 256)).astype(np.float32),
                                     pointer_key_scale=rng.uniform(0.95, 1.05, (b, 16)).astype(np.float32)))


if __name__ == "__main__":
    main()
