#!/usr/bin/env python3
"""Builds the downscaled official SAM 2.1 used by the CI trace tests and exports it.

The official `sam2` package (facebookresearch/sam2, a scratch copy on PYTHONPATH, never copied
here) builds `sam2.1_hiera_downscaled.yaml` (the SAM 2.1 architecture with small widths/depths,
256 px); `verify_export.make_checkpoint` perturbs every parameter, scales the IoU and presence
heads' last layers by 20 and sets the presence bias so that the click on frame 0 of the clip scores
--presence; the mask hypernetworks' last layers are scaled by --mask-gain; `calibrate` then
rescales the IoU and presence heads from what the official predictor does on the clip (see
README.md); the checkpoint is exported with `export_sam2.py --checkpoint` (the same path as for
real weights).

    PYTHONPATH=../export_sam2/debian_shims:/work/scratch/sam2 python3 build_downscaled_model.py \
        --clip CLIP --click 38,122 --work /work/scratch/ds --out MODEL_DIR      (see README.md)
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "export_sam2"))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from PIL import Image  # noqa: E402

CONFIG = os.path.join(HERE, "sam2.1_hiera_downscaled.yaml")
MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def load_input(png, size):
    """As the official predictor: PIL's default resize to size x size, /255, ImageNet mean/std."""
    img = Image.open(png).convert("RGB")
    w, h = img.size
    x = np.asarray(img.resize((size, size)), dtype=np.float32) / 255.0
    x = (x - MEAN) / STD
    return torch.from_numpy(x).permute(2, 0, 1)[None].float(), w, h


def track_stats(ckpt, config, clip, click, frames):
    """Runs the official video predictor on the first `frames` frames and returns the raw outputs
    of the IoU head's and the presence head's last layers on the tracking frames."""
    import trace as tr
    import sam2.sam2_video_predictor as svp
    from sam2.build_sam import build_sam2_video_predictor
    from verify_export import last_linear

    paths = tr.png_frames(clip)[:frames]
    svp.load_video_frames = tr.make_loader(paths)
    pred = build_sam2_video_predictor(config, ckpt, device="cpu")
    dec = pred.sam_mask_decoder
    rows = {"iou": [], "presence": []}
    last_linear(dec.iou_prediction_head).register_forward_hook(lambda m, i, o: rows["iou"].append(o.detach().clone()))
    last_linear(dec.pred_obj_score_head).register_forward_hook(
        lambda m, i, o: rows["presence"].append(o.detach().clone()))
    with torch.inference_mode():
        state = pred.init_state(video_path=clip)
        pred.add_new_points_or_box(state, frame_idx=0, obj_id=1, points=np.array([click], dtype=np.float32),
                                   labels=np.array([1], dtype=np.int32))
        n0 = len(rows["iou"])
        for _ in pred.propagate_in_video(state):
            pass
    iou = torch.cat(rows["iou"][n0:]).reshape(-1, 4)
    pres = torch.cat(rows["presence"][n0:]).reshape(-1)
    return iou, pres


def calibrate(ckpt, config, clip, click, frames, presence_mean, presence_std, iou_std, shift_only=False):
    """Rescales the IoU and presence heads' last layers (weights and bias) so that, while tracking
    the clip, the presence logit has the given mean and spread and the three multimask IoU logits
    each have mean 0 and spread `iou_std`: then the argmax candidate, the gating, the confident /
    uncertain split and the absent branch all change from frame to frame. With `shift_only` only
    the presence bias moves (by the distance of the measured mean from the target): later rounds
    correct the drift that the new presence values cause through memory."""
    from verify_export import last_linear

    iou, pres = track_stats(ckpt, config, clip, click, frames)
    sd = torch.load(ckpt, map_location="cpu")
    model_sd = sd["model"]
    from sam2.build_sam import build_sam2

    model = build_sam2(config, None, device="cpu")
    model.load_state_dict(model_sd)
    dec = model.sam_mask_decoder
    with torch.no_grad():
        if shift_only:
            m = float(pres.mean())
            last_linear(dec.pred_obj_score_head).bias.add_(presence_mean - m)
            torch.save({"model": model.state_dict()}, ckpt)
            print(f"presence bias shifted by {presence_mean - m:+.3f} (mean {m:.3f}, std {float(pres.std()):.3f}, "
                  f"{int((pres <= 0).sum())}/{len(pres)} tracking frames absent)")
            return
        li = last_linear(dec.iou_prediction_head)
        for j in range(1, 4):
            m, s = float(iou[:, j].mean()), float(iou[:, j].std()) + 1e-6
            k = iou_std / s
            li.weight[j].mul_(k)
            li.bias[j].copy_((li.bias[j] - m) * k)
        lp = last_linear(dec.pred_obj_score_head)
        m, s = float(pres.mean()), float(pres.std()) + 1e-6
        k = presence_std / s
        lp.weight.mul_(k)
        lp.bias.copy_((lp.bias - m) * k + presence_mean)
    torch.save({"model": model.state_dict()}, ckpt)
    print(f"calibrated on {frames} frames: presence mean {m:.3f} std {s:.4f} (gain {k:.1f}); "
          f"IoU logit std {[round(float(iou[:, j].std()), 4) for j in range(1, 4)]}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--clip", required=True, help="folder of frame.NNNN.png (make_clip.py)")
    p.add_argument("--click", default="38,122", help="x,y of the frame-0 click in clip pixels")
    p.add_argument("--config", default=CONFIG)
    p.add_argument("--image-size", type=int, default=256)
    p.add_argument("--presence", type=float, default=0.5, help="presence logit of the click on frame 0")
    p.add_argument("--calibrate-frames", type=int, default=40, help="0: no calibration")
    p.add_argument("--calibrate-rounds", type=int, default=4,
                   help="rounds 1-2 set gains and bias, later rounds only shift the presence bias")
    p.add_argument("--presence-mean", type=float, default=1.5)
    p.add_argument("--presence-std", type=float, default=2.0)
    p.add_argument("--iou-std", type=float, default=0.6)
    p.add_argument("--mask-gain", type=float, default=20.0,
                   help="factor on the mask hypernetworks' last layers (random init gives logits near 0)")
    p.add_argument("--presence-gain", type=float, default=1.0,
                   help="presence logit p becomes gain * (p - center) (after --presence; negative allowed)")
    p.add_argument("--presence-center", type=float, default=0.0)
    p.add_argument("--iou-shift", default="0,0,0",
                   help="added to the IoU head's three multimask logits (before its sigmoid)")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--work", required=True, help="scratch folder for the checkpoint")
    p.add_argument("--out", required=True, help="model directory to write")
    p.add_argument("--name", default="sam2.1-downscaled-random")
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    import export_sam2
    import verify_export

    os.makedirs(a.work, exist_ok=True)
    image, w, h = load_input(os.path.join(a.clip, "frame.0000.png"), a.image_size)
    cx, cy = (float(v) for v in a.click.split(","))
    click_in = [cx * a.image_size / w, cy * a.image_size / h]
    ckpt = os.path.join(a.work, "downscaled.pt")
    # make_checkpoint aims the click's presence at +0.5; shift it to --presence afterwards
    model = verify_export.make_checkpoint(a.config, ckpt, a.seed, image, click_in)
    with torch.no_grad():
        for mlp in model.sam_mask_decoder.output_hypernetworks_mlps:
            verify_export.last_linear(mlp).weight.mul_(a.mask_gain)
        if a.presence != 0.5:
            verify_export.last_linear(model.sam_mask_decoder.pred_obj_score_head).bias.add_(a.presence - 0.5)
        # fixed calibration (no tracking rounds): an affine map of the presence logit and shifts of
        # the IoU logits, chosen from single-frame probes (README.md, "Full-size tiny comparison")
        lp = verify_export.last_linear(model.sam_mask_decoder.pred_obj_score_head)
        lp.weight.mul_(a.presence_gain)
        lp.bias.copy_((lp.bias - a.presence_center) * a.presence_gain)
        li = verify_export.last_linear(model.sam_mask_decoder.iou_prediction_head)
        for j, d in enumerate(float(v) for v in a.iou_shift.split(",")):
            li.bias[j + 1].add_(d)
    torch.save({"model": model.state_dict()}, ckpt)
    print(f"wrote {ckpt}", flush=True)
    for r in range(a.calibrate_rounds if a.calibrate_frames > 0 else 0):
        calibrate(ckpt, a.config, a.clip, [cx, cy], a.calibrate_frames, a.presence_mean, a.presence_std,
                  a.iou_std, shift_only=r >= 2)
    export_sam2.main(["--checkpoint", ckpt, "--config", a.config, "--out", a.out, "--name", a.name,
                      "--threads", str(a.threads)])


if __name__ == "__main__":
    main()
