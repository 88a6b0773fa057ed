"""numpy replica of the engine's test clip (org.sam2long.engine.frame.SyntheticClip), its input
preprocessing (track.ImagePreprocessor, triangle filter), the engine's low-res -> source upsampling
(matte.Resample.bilinear), hole filling (track.HoleFill) and DAVIS J / F, so that check_model.py
sees what the Java tests will see."""
import math
import numpy as np

PERIOD, RADIUS, SIDE, BAR_X0, BAR_X1 = 120, 26, 40, 140, 200
DISC, SQUARE = 1, 2


class SyntheticClip:
    def __init__(self, frames=PERIOD, width=320, height=240, distractor=False):
        self.frames, self.width, self.height, self.distractor = frames, width, height, distractor

    def disc_centre(self, t):
        u = t % PERIOD
        x = 60 + 6.0 * u if u <= 55 else 390 - 5.0 * (u - 55)
        y = 120 + 30 * math.sin(u / 15.0)
        return x * self.width / 320.0, y * self.height / 240.0

    def square_centre(self, t):
        u = t % PERIOD
        return (80 + 40 * math.sin(u / 20.0)) * self.width / 320.0, 190.0 * self.height / 240.0

    def distractor_centre(self, t):
        """Drops in from the top edge while the disc is behind the bar, then leaves to the right."""
        u = t % PERIOD
        y = -100 if u < 14 else min(-26 + 5.0 * (u - 14), 60)
        x = 262 if u < 40 else 262 + 4.0 * (u - 40)
        return x * self.width / 320.0, y * self.height / 240.0

    def labels(self, t):
        """Per pixel: 1 disc, 2 square, -1 bar, -2 distractor, 0 background (same priority as Java)."""
        w, h = self.width, self.height
        sx = w / 320.0
        ys, xs = np.mgrid[0:h, 0:w].astype(np.float64)
        lab = np.zeros((h, w), np.int32)
        s = self.square_centre(t)
        half = SIDE * sx / 2
        lab[(np.abs(xs - s[0]) <= half) & (np.abs(ys - s[1]) <= half)] = SQUARE
        r = RADIUS * sx
        if self.distractor:
            e = self.distractor_centre(t)
            lab[(xs - e[0]) ** 2 + (ys - e[1]) ** 2 <= r * r] = -2
        d = self.disc_centre(t)
        lab[(xs - d[0]) ** 2 + (ys - d[1]) ** 2 <= r * r] = DISC
        lab[(xs >= BAR_X0 * sx) & (xs < BAR_X1 * sx)] = -1
        return lab

    def truth(self, obj, t):
        return self.labels(t) == obj

    def frame(self, t):
        """uint8 [h, w, 3]."""
        w, h = self.width, self.height
        lab = self.labels(t)
        ys, xs = np.mgrid[0:h, 0:w]
        n = _noise(xs, ys, t) - 10
        fx = xs.astype(np.float64) / w
        r = (40 + 50 * fx).astype(np.int64) + n
        g = (60 + 50 * fx).astype(np.int64) + n
        b = (90 - 30 * fx).astype(np.int64) + n
        img = np.stack([r, g, b], -1)
        img[lab == DISC] = (220, 40, 40)
        img[lab == -2] = (200, 50, 55)
        img[lab == SQUARE] = (40, 200, 70)
        img[lab == -1] = (128, 128, 128)
        return img.astype(np.uint8)


def _noise(x, y, t):
    m = np.uint64(0xFFFFFFFF)
    x = x.astype(np.uint64); y = y.astype(np.uint64)
    h = ((x * np.uint64(73856093)) & m) ^ ((y * np.uint64(19349663)) & m) ^ np.uint64(((t % 7) * 83492791) & 0xFFFFFFFF)
    h ^= h >> np.uint64(13)
    h = (h * np.uint64(0x5bd1e995)) & m
    h ^= h >> np.uint64(15)
    return ((h & np.uint64(0xff)) % np.uint64(21)).astype(np.int64)


def _taps(n_in, n_out):
    scale = n_in / n_out
    fs = max(scale, 1.0)
    support = fs
    w = np.zeros((n_out, n_in), np.float32)
    for i in range(n_out):
        c = (i + 0.5) * scale
        lo = max(int(math.floor(c - support)), 0)
        hi = min(int(math.ceil(c + support)), n_in)
        v = np.array([max(0.0, 1 - abs((j + 0.5 - c) / fs)) for j in range(lo, hi)])
        tot = v.sum()
        w[i, lo:hi] = (v / tot if tot != 0 else 0).astype(np.float32)
    return w


def preprocess(rgb, size=256, mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225)):
    """uint8 [h,w,3] -> normalised float32 [1,3,size,size] (triangle-filter resize, no letterbox)."""
    h, w, _ = rgb.shape
    wx, wy = _taps(w, size), _taps(h, size)
    img = rgb.astype(np.float32)
    tmp = np.einsum("xw,hwc->hxc", wx, img)
    out = np.einsum("yh,hxc->cyx", wy, tmp)
    out = np.clip(out, 0, 255) / np.float32(255)
    out = (out - np.array(mean, np.float32)[:, None, None]) / np.array(std, np.float32)[:, None, None]
    return out[None].astype(np.float32)


def bilinear(src, dw, dh):
    """matte.Resample.bilinear: half-pixel centres, edge clamp. src [sh, sw]."""
    sh, sw = src.shape
    def axis(n_dst, n_src):
        c = np.maximum((np.arange(n_dst) + 0.5) * (n_src / n_dst) - 0.5, 0)
        i0 = np.minimum(c.astype(np.int64), n_src - 1)
        return i0, np.minimum(i0 + 1, n_src - 1), (c - i0).astype(np.float32)
    x0, x1, fx = axis(dw, sw)
    y0, y1, fy = axis(dh, sh)
    top = src[y0][:, x0] + (src[y0][:, x1] - src[y0][:, x0]) * fx
    bot = src[y1][:, x0] + (src[y1][:, x1] - src[y1][:, x0]) * fx
    return (top + (bot - top) * fy[:, None]).astype(np.float32)


def hole_fill(logits, max_area=8):
    """track.HoleFill: background components (8-connected, logit <= 0) of area <= max_area -> 0.1."""
    out = logits.copy()
    n = out.shape[0]
    bgm = out <= 0
    seen = np.zeros_like(bgm)
    for sy in range(n):
        for sx in range(n):
            if not bgm[sy, sx] or seen[sy, sx]:
                continue
            stack, comp = [(sy, sx)], []
            seen[sy, sx] = True
            while stack:
                y, x = stack.pop()
                comp.append((y, x))
                for dy in (-1, 0, 1):
                    for dx in (-1, 0, 1):
                        yy, xx = y + dy, x + dx
                        if 0 <= yy < n and 0 <= xx < n and bgm[yy, xx] and not seen[yy, xx]:
                            seen[yy, xx] = True
                            stack.append((yy, xx))
            if len(comp) <= max_area:
                for y, x in comp:
                    out[y, x] = 0.1
    return out


def region_j(pred, truth):
    u = np.logical_or(pred, truth).sum()
    return 1.0 if u == 0 else np.logical_and(pred, truth).sum() / u


def _boundary(m):
    p = np.pad(m, 1, constant_values=False)
    inner = p[1:-1, :-2] & p[1:-1, 2:] & p[:-2, 1:-1] & p[2:, 1:-1]
    return m & ~inner


def _near(b, other, r):
    """For each pixel of b: is some pixel of `other` within distance r (disk)."""
    if not other.any():
        return np.zeros_like(b)
    h, w = other.shape
    p = np.pad(other, r, constant_values=False)
    hit = np.zeros_like(other)
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            if dx * dx + dy * dy <= r * r:
                hit |= p[r + dy:r + dy + h, r + dx:r + dx + w]
    return b & hit


def boundary_f(pred, truth):
    h, w = pred.shape
    r = int(math.ceil(0.008 * math.sqrt(w * w + h * h)))
    bp, bt = _boundary(pred), _boundary(truth)
    if not bp.any() and not bt.any():
        return 1.0
    if not bp.any() or not bt.any():
        return 0.0
    prec = _near(bp, bt, r).sum() / bp.sum()
    rec = _near(bt, bp, r).sum() / bt.sum()
    return 0.0 if prec + rec == 0 else 2 * prec * rec / (prec + rec)
