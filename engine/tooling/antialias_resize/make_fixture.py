"""Makes the oracle for AntialiasedBilinearTest: PyTorch's antialiased bilinear resize
(F.interpolate(mode="bilinear", align_corners=False, antialias=True)) of binary masks and of +/-10
logit maps, as the reference's mask-prompt path resizes them (the prompt mask to S x S, then
thresholded at 0.5; the S x S logits mask*20-10 to S/4). Needs torch (Debian's python3-torch 1.13).
Usage: /usr/bin/python3 make_fixture.py <out.json>"""
import base64
import json
import random
import sys
import zlib

import numpy as np
import torch
import torch.nn.functional as F


def pattern(w, h, seed):
    """A disc, a rectangle, a one-pixel line and random specks: edges at every phase."""
    rnd = random.Random(seed)
    y, x = np.mgrid[0:h, 0:w]
    m = (x - 0.45 * w) ** 2 + (y - 0.5 * h) ** 2 < (0.3 * min(w, h)) ** 2
    m |= (x > 0.7 * w) & (x < 0.9 * w) & (y > 0.1 * h) & (y < 0.35 * h)
    m[:, w // 5] = True
    for _ in range(w * h // 200):
        m[rnd.randrange(h), rnd.randrange(w)] ^= True
    return m


def b64(a):
    return base64.b64encode(zlib.compress(np.ascontiguousarray(a).tobytes(), 9)).decode("ascii")


cases = []
for name, (w, h), (ow, oh), logits in [
        ("up 97x61 -> 128x128", (97, 61), (128, 128), False),
        ("down 300x200 -> 64x64", (300, 200), (64, 64), False),
        ("down 640x360 -> 96x96", (640, 360), (96, 96), False),
        ("down 2x 128x128 -> 64x64", (128, 128), (64, 64), False),
        ("mixed 50x400 -> 100x100", (50, 400), (100, 100), False),
        ("logits 4x 256x256 -> 64x64", (256, 256), (64, 64), True)]:
    m = pattern(w, h, len(cases))
    x = torch.from_numpy(m.astype(np.float32))[None, None]
    if logits:
        x = x * 20.0 - 10.0
    out = F.interpolate(x, size=(oh, ow), mode="bilinear", align_corners=False, antialias=True)[0, 0].numpy()
    cases.append({"name": name, "width": w, "height": h, "out_width": ow, "out_height": oh,
                  "input": "mask*20-10" if logits else "mask",
                  "mask_bits": b64(np.packbits(m.reshape(-1))),
                  "output_f32le": b64(out.astype("<f4")),
                  "output_at_least_half": int((out >= 0.5).sum())})
json.dump({"torch": torch.__version__, "cases": cases}, open(sys.argv[1], "w"), indent=1)
print(sys.argv[1], [c["name"] for c in cases])
