#!/usr/bin/env python3
"""Writes the reference-trace clip: 80 PNG frames of 256x256, deterministic (no randomness at all).

A red disc (the object, clicked on frame 0) moves right, slides behind a grey bar and stays
hidden there for 25 frames (frames 31-55), then comes out on the right. While it is hidden a
look-alike (a slightly different red, a little smaller) enters from the right edge, crosses
towards the bar, turns down and leaves the frame. The background is a smooth gradient with a low
contrast checker and two fixed coloured blocks, so the image encoder sees texture everywhere.
The frames are exactly the downscaled model's input size, so no resampling happens before the
model (PIL's resize to the same size is a copy; see README.md for why this matters).

    python3 make_clip.py OUT_DIR      # writes OUT_DIR/frame.0000.png .. frame.0079.png
    python3 make_clip.py OUT_DIR --mask0 MASK.png   # also the object's exact mask on frame 0
                                                    # (the mask prompt of the mask traces)

Only integer arithmetic decides pixels (no floating-point rounding differences between
machines); needs Pillow.
"""
import os
import sys

from PIL import Image

W, H, FRAMES = 256, 256, 80  # the downscaled model's input size: no resampling before the model
DISC_R2 = 17 * 17
TWIN_R2 = 15 * 15
BAR = (112, 157)  # columns [112, 157) are the occluder
CLICK = (38, 122)  # the disc's centre on frame 0 (x, y)


def disc_centre(t):
    """The object's centre on frame t (x, y), integers."""
    if t <= 32:
        x = 38 + 3 * t          # 38 .. 134: wholly behind the bar (x in 129..139) from frame 31
    elif t <= 54:
        x = 134                 # waits behind the bar
    else:
        x = 134 + 3 * (t - 54)  # shows again on the right from frame 56
    wobble = (t % 8 if t % 16 < 8 else 8 - t % 8) - 4
    return x, 128 + (3 * wobble) // 2


def twin_centre(t):
    """The look-alike's centre on frame t, or None when it is not in the frame."""
    if t < 32 or t > 76:
        return None
    if t <= 48:
        return 272 - 5 * (t - 32), 124   # enters from the right edge, stops at x = 192
    if t <= 56:
        return 192, 124
    return 192, 124 + 8 * (t - 56)       # turns down and leaves (wholly out from frame 76)


def background(x, y):
    r = 60 + (x * 80) // W
    g = 90 + (y * 60) // H
    b = 120 + ((x + y) * 40) // (W + H)
    if ((x // 12) + (y // 12)) % 2 == 0:
        r, g, b = r + 14, g + 10, b + 6
    if 12 <= x < 48 and 190 <= y < 236:
        r, g, b = 40, 160, 60     # green block, bottom left
    if 190 <= x < 240 and 16 <= y < 60:
        r, g, b = 200, 190, 60    # yellow block, top right
    return r, g, b


def frame(t):
    img = Image.new("RGB", (W, H))
    px = img.load()
    dx, dy = disc_centre(t)
    tw = twin_centre(t)
    for y in range(H):
        for x in range(W):
            c = background(x, y)
            if tw is not None and (x - tw[0]) ** 2 + (y - tw[1]) ** 2 <= TWIN_R2:
                c = (200, 50, 45)             # look-alike
            if (x - dx) ** 2 + (y - dy) ** 2 <= DISC_R2:
                c = (225, 30, 30)             # the object
            if BAR[0] <= x < BAR[1]:
                c = (128 + (y % 4), 128, 128)  # occluder (in front of both)
            px[x, y] = c
    return img


def object_mask(t):
    """The object's visible pixels on frame t (255) as an 8-bit image: the disc minus the bar."""
    img = Image.new("L", (W, H))
    px = img.load()
    dx, dy = disc_centre(t)
    for y in range(H):
        for x in range(W):
            if (x - dx) ** 2 + (y - dy) ** 2 <= DISC_R2 and not BAR[0] <= x < BAR[1]:
                px[x, y] = 255
    return img


def main():
    if len(sys.argv) > 3 and sys.argv[2] == "--mask0":
        object_mask(0).save(sys.argv[3])
    out = sys.argv[1] if len(sys.argv) > 1 else "clip"
    os.makedirs(out, exist_ok=True)
    for t in range(FRAMES):
        frame(t).save(os.path.join(out, f"frame.{t:04d}.png"), optimize=True)
    print(f"wrote {FRAMES} frames of {W}x{H} to {out}; click the object at {CLICK} on frame 0")


if __name__ == "__main__":
    main()
