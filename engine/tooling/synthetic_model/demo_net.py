"""The hand-designed network of the bundled demo model `sam2long-demo` (docs/model-contract.md).

Every graph is written once, against a tiny backend interface, and evaluated two ways:
`NumpyBackend` computes it directly in float32 numpy (the "mirror" that check_model.py tracks a clip
with), `OnnxBackend` records the same operations as ONNX nodes (make_demo_model.py writes them out).
check_model.py then runs the ONNX files in ONNX Runtime (Java) and compares: the two backends share
the network description but not a single kernel, so a disagreement means an op is not what we think.

The network (colours are RGB in [0,1] minus 0.5; positions are grid-cell centres in [-0.5, 0.5]):

image encoder   mean colour of 4x4 / 8x8 / 16x16 pixel cells (high_res_0 / high_res_1 / features)
                plus each cell's colour spread (texture); features = RGB, 0, spread, luminance, and
                zeros (memory attention fills channels 3 and 6..15). feature_pos = x, y, x^2+y^2,
                sin/cos(pi k x), sin/cos(pi k y) for k = 1..3, and a constant 1.
memory encoder  mask probability (x+10)/20 pooled to the grid: m per cell, forced to 0 when
                object_score <= 0; memory = colour, |colour|^2, m^2*colour, m^2, (1-m)^2*colour,
                (1-m)^2; memory_pos = x, y, x^2+y^2. An absent frame also gets a no-object embedding
                that pushes its keys far away: "the object was not found" is not used as evidence.
                An empty mask of a present object is evidence: everything on that frame is background.
memory attn     two real softmax attention heads of the 256 frame cells over memory + pointer tokens,
                keys = key_scale * (memory + memory_pos) through a linear key projection:
                head A, label propagation: logit = -a|colour_q - colour_k|^2 - bA|pos_q - pos_k|^2
                  - slot term: colour decides, position breaks ties (a same-coloured thing elsewhere
                  matches its own background-labelled cells). Output: P = attended m, and the
                  background colour among the attended cells.
                head B, local prototypes: position only; output: the local foreground colour
                  (m^2-weighted) and background colour ((1-m)^2-weighted).
                Pointer tokens are the object's colour with no position, at a fixed "virtual
                distance" plus their temporal encoding.
                head C, the anchor: attends to the conditioning frames' foreground only (the slot
                encoding of conditioning frames flags their keys); output: the colour the prompt
                said the object has. conditioned = channels 0-2 anchor colour, 3 P, 4-5 features,
                6-8 head A background colour, 9-11 F, 12-14 G, 15 memory flag 1.
mask decoder    per pixel at 64x64 with colour c: s = (|c-G|^2 - |c-F|^2) / (|F-G|^2 + eps), the
                linear discriminant between the fg and bg prototypes (s = 2*alpha - 1 for a pixel
                that is alpha object, so boundaries are sub-pixel; s ~ 0 where F ~ G). Prototypes
                come from memory (F, G) or, on a prompted frame, from the prompt (click colour, box
                interior, mask) and a local background estimate of the current frame. Identity of
                each cell: P / (object-coloured share of the cell), or the share of object colour
                that head A's background colour cannot explain (the object coming back into view).
                Region growing (10 x MaxPool 5x5, min with a gate from the candidate's own logits)
                from seeds (identity & object colour, clicks, box interior, mask prompt); outside
                the grown region (from one pixel beyond it) logits drop by 24. Three candidates:
                tight / balanced / loose (colour weight, prior weight, bias, and how far memory is
                trusted on pixels that do not look like the anchor: not at all / half / fully, so
                a look-alike that memory attention takes for the object is in loose, not in tight);
                mask 0 is their mean. iou = expected IoU of each mask under its own probabilities,
                times 1 - 0.45 x (share of the mask that does not look like the anchor); 0.98 for
                the empty masks of an absent object. object_score = 3 ln((confident area + 0.05) /
                1.5), confident area of the widest candidate in 64x64 pixels, where area that does
                not look like the anchor counts 1/20 and alone gives at most 1.5 (uncertain).
"""
import numpy as np

# ---------------------------------------------------------------- sizes (contract, demo column)
S, GRID, D, MC, C0, C1, M = 256, 16, 16, 16, 4, 4, 64
NUM_MASKMEM, MAX_OBJ_PTRS = 7, 16
IMAGE_MEAN = np.array([0.485, 0.456, 0.406], np.float32)
IMAGE_STD = np.array([0.229, 0.224, 0.225], np.float32)
SIGMOID_SCALE, SIGMOID_BIAS = 20.0, -10.0

# ---------------------------------------------------------------- design constants
A_COL = 80.0          # head A: weight of squared colour distance
B_POS_A = 30.0        # head A: weight of squared position distance (grid units are 1/16)
B_POS_B = 100.0       # head B: position window (e^-1 at ~1.6 cells)
PTR_D2_A = 0.25       # pointer "virtual squared distance" in head A (as if 8 cells away)
PTR_D2_B = 0.01       # ... and in head B (as if 1.6 cells away)
PTR_T_W = 0.02        # pointer temporal encoding: extra squared distance w*(1-cos(t/15))
SLOT_D2 = [0.0, 0.003, 0.006, 0.009, 0.012, 0.015, 0.006]   # temporal slot rows (last = cond)
NO_OBJ_BIG = 40.0     # no-object pointer: |colour|^2 and distance so large it is never attended
FAR_COLOUR = np.array([1.5, -1.5, 1.5], np.float32)  # fallback prototype no colour is close to
EPS = 1e-6

CLICK_SIGMA = 5.0     # click gaussian, input pixels
NEG_WEIGHT = 16.0     # negative click prior
BOX_SOFT = 2.0        # box edge softness, input pixels
BOX_OUT = 12.0        # prior outside a box
MASK_PRIOR = 6.0      # prior from a mask prompt (+-)
MEM_PRIOR = 6.0       # prior from memory P: MEM_PRIOR * (2P - 1)
SIM_TAU = 0.03        # colour similarity scale for excluding object pixels from the local bg
CONTRAST_EPS = 0.01   # s = (dG - dF) / (|F - G|^2 + eps), clipped to [-1, 1]
BGA_VETO = 4.0        # head A background colour with >= 1/4 object colour: not "unexplained"
VETO0, VETO_GAIN = 0.4, 4.0      # firm background >= 0.65 in a neighbour cell vetoes "unexplained"
BLOCK0, BLOCK_GAIN = 0.6, 5.0    # share * (1 - identity) >= 0.8: region growing stops there
SHARE_EPS = 0.05      # P / (object-coloured share of the cell + eps)
SEED_P0, SEED_GAIN = 0.25, 10.0  # memory seeds: identity (P or unexplained, per share) >= 0.35 ...
SEED_S0, SEED_GAIN_S = 0.2, 2.5  # ... on pixels with contrast s >= 0.6 are full seeds
NO_OBJ_D2 = 1.0       # no-object spatial embedding: extra squared distance of an absent frame's tokens
GROW_ITERS = 10       # region growing iterations (5x5 max pool: reach 20 px at 64x64)
GROW_CUT = 24.0       # logit penalty outside the grown region
LOGIT_MAX = 16.0
# appearance check against the conditioning frame (what the prompt said the object looks like)
COND_KEY = 2.0        # conditioning-slot flag that maskmem_tpos_enc row 6 adds to key channel 7 (m^2)
HEAD_C = 8.0          # head C: logit = HEAD_C * (m^2 + COND_KEY * is_cond): the conditioning frame's object
ANCHOR_TAU = 0.005    # colour similarity scale: exp(-|c - anchor|^2 / tau)
LIKE0, LIKE_GAIN = 0.25, 2.0      # similarity >= 0.75 looks like the object, <= 0.25 does not
TRUST = (0.0, 0.5, 1.0)           # how far each candidate trusts memory where the pixel does not look like it
APP_PENALTY = 0.45    # iou *= 1 - APP_PENALTY * (share of the mask that does not look like the object)
APP_AREA = 0.05       # presence: such area counts this much ...
UNLIKE_CAP = 1.5      # ... and on its own never makes presence larger than this (uncertain)
IOU_ABSENT = 0.98     # iou of the empty masks of an absent object
# candidates: (colour weight, prior weight, bias, gate margin)
CANDIDATES = [(12.0, 0.6, -1.0, 3.0, TRUST[0]),   # 1: tight, colour-led
              (10.0, 1.0, 0.0, 4.0, TRUST[1]),    # 2: balanced
              (6.0, 1.6, 1.5, 6.0, TRUST[2])]     # 3: loose, prior-led
NO_MASK_LOGIT = -1024.0

# memory / pointer token channels
CH_COL, CH_COL2, CH_WFC, CH_WF, CH_WBC, CH_WB, CH_PTR, CH_X, CH_Y, CH_D2 = 0, 3, 4, 7, 8, 11, 12, 13, 14, 15
# feature channels: 0-2 colour (RGB in [0,1]), 3 zero, 4 spread, 5 luminance, 6-15 zero;
# conditioned: 0-2, 4, 5 as features, 3 P, 6-8 head A background colour, 9-11 F, 12-14 G (head B; centred
# colours), 15 memory flag (1; no_mem_embed makes it -1 on prompted frames)
F_P, F_BGA, F_FG, F_BG, F_FLAG = 3, 6, 9, 12, 15
F_ANCHOR = 0


def cell_centres(n):
    return ((np.arange(n, dtype=np.float64) + 0.5) / n - 0.5).astype(np.float32)


def bilinear_matrix(dst, src):
    """[dst, src] matrix of half-pixel bilinear interpolation with edge clamp (align_corners=False)."""
    u = np.zeros((dst, src), np.float64)
    scale = src / dst
    for i in range(dst):
        x = max((i + 0.5) * scale - 0.5, 0.0)
        i0 = min(int(np.floor(x)), src - 1)
        i1 = min(i0 + 1, src - 1)
        f = x - i0
        u[i, i0] += 1 - f
        u[i, i1] += f
    return u.astype(np.float32)


def feature_pos_parts():
    """feature_pos = PX + PY (separable): x, y, x^2+y^2, sin/cos(pi k x), sin/cos(pi k y) k=1..3, 1."""
    xs = cell_centres(GRID).astype(np.float64)
    px = np.zeros((1, D, 1, GRID))
    py = np.zeros((1, D, GRID, 1))
    px[0, 0, 0] = xs
    py[0, 1, :, 0] = xs
    px[0, 2, 0] = xs ** 2
    py[0, 2, :, 0] = xs ** 2
    ch = 3
    for k in (1, 2, 3):
        px[0, ch, 0] = np.sin(np.pi * k * xs); ch += 1
        px[0, ch, 0] = np.cos(np.pi * k * xs); ch += 1
        py[0, ch, :, 0] = np.sin(np.pi * k * xs); ch += 1
        py[0, ch, :, 0] = np.cos(np.pi * k * xs); ch += 1
    px[0, 15, 0] = 1.0
    return px.astype(np.float32), py.astype(np.float32)


def memory_pos_parts():
    xs = cell_centres(GRID).astype(np.float64)
    px = np.zeros((1, MC, 1, GRID))
    py = np.zeros((1, MC, GRID, 1))
    px[0, CH_X, 0] = xs
    py[0, CH_Y, :, 0] = xs
    px[0, CH_D2, 0] = xs ** 2
    py[0, CH_D2, :, 0] = xs ** 2
    return px.astype(np.float32), py.astype(np.float32)


def attention_weights():
    """Query projections (from features, from feature_pos), key projection, value projection."""
    nq = 12
    wqf = np.zeros((D, nq)); wqp = np.zeros((D, nq)); wk = np.zeros((MC, nq)); wv = np.zeros((MC, 8))
    # head C: q = [HEAD_C] (constant), k = [m^2 + COND_KEY * is_cond]
    wqp[15, 11] = HEAD_C
    wk[CH_WF, 11] = 1
    # head A: q = [2a c, 2bA p, 1, bA|p|^2 - bA*PTR_D2_A]; k = [c, p, -a|c|^2 - bA d2, is_ptr]
    for i in range(3):
        wqf[i, i] = 2 * A_COL
        wqp[15, i] = -A_COL          # 2a (c - 0.5): colours are centred inside the model
        wk[CH_COL + i, i] = 1
    wqp[0, 3] = wqp[1, 4] = 2 * B_POS_A
    wk[CH_X, 3] = wk[CH_Y, 4] = 1
    wqp[15, 5] = 1
    wk[CH_COL2, 5] = -A_COL
    wk[CH_D2, 5] = -B_POS_A
    wqp[2, 6] = B_POS_A
    wqp[15, 6] = -B_POS_A * PTR_D2_A
    wk[CH_PTR, 6] = 1
    # head B: q = [2bB p, 1, bB|p|^2 - bB*PTR_D2_B]; k = [p, -bB d2, is_ptr]
    wqp[0, 7] = wqp[1, 8] = 2 * B_POS_B
    wk[CH_X, 7] = wk[CH_Y, 8] = 1
    wqp[15, 9] = 1
    wk[CH_D2, 9] = -B_POS_B
    wqp[2, 10] = B_POS_B
    wqp[15, 10] = -B_POS_B * PTR_D2_B
    wk[CH_PTR, 10] = 1
    for i in range(8):
        wv[CH_WFC + i, i] = 1
    return [w.astype(np.float32) for w in (wqf, wqp, wk, wv)]


def no_object_pointer():
    p = np.zeros(D, np.float32)
    p[CH_COL2] = NO_OBJ_BIG
    p[CH_WB] = 1.0
    p[CH_PTR] = 1.0
    p[CH_D2] = NO_OBJ_BIG
    return p


def host_tensors():
    tpos = np.zeros((NUM_MASKMEM, MC), np.float32)
    tpos[:, CH_D2] = SLOT_D2
    tpos[NUM_MASKMEM - 1, CH_WF] = COND_KEY
    no_mem = np.zeros(D, np.float32)
    no_mem[F_FLAG] = -1.0
    w = np.zeros((MC, D), np.float32)
    b = np.zeros(MC, np.float32)
    # pe[d/2 + 0] = cos(x / 1): extra squared distance PTR_T_W * (1 - cos x)
    w[CH_D2, D // 2] = -PTR_T_W
    b[CH_D2] = PTR_T_W
    return {"maskmem_tpos_enc": tpos, "no_mem_embed": no_mem,
            "obj_ptr_tpos_proj_weight": w, "obj_ptr_tpos_proj_bias": b}


def pointer_pos(t_diff, host, max_obj_ptrs=MAX_OBJ_PTRS):
    """The host's pointer temporal encoding (contract: get_1d_sine_pe then W pe + b)."""
    x = t_diff / (max_obj_ptrs - 1)
    h = D // 2
    pe = np.zeros(D, np.float64)
    for j in range(h):
        dim_t = 10000.0 ** (2 * (j // 2) / h)
        pe[j] = np.sin(x / dim_t)
        pe[h + j] = np.cos(x / dim_t)
    return (host["obj_ptr_tpos_proj_weight"].astype(np.float64) @ pe
            + host["obj_ptr_tpos_proj_bias"]).astype(np.float32)


# ====================================================================== the four graphs
def image_encoder(g, image):
    mean = g.const(IMAGE_MEAN.reshape(1, 3, 1, 1))
    std = g.const(IMAGE_STD.reshape(1, 3, 1, 1))
    rgb = g.add(g.mul(image, std), mean)
    c0 = g.avgpool(rgb, 4)
    q0 = g.avgpool(g.mul(rgb, rgb), 4)
    c1 = g.avgpool(c0, 2)
    q1 = g.avgpool(q0, 2)
    cf = g.avgpool(c1, 2)
    qf = g.avgpool(q1, 2)

    def spread(c, q):
        var = g.relu(g.rsum(g.sub(q, g.mul(c, c)), [1]))
        return g.sqrt(g.add(var, g.const(1e-6)))

    hr0 = g.concat([c0, spread(c0, q0)], 1)
    hr1 = g.concat([c1, spread(c1, q1)], 1)
    lum = g.rsum(g.mul(cf, g.const(np.array([0.299, 0.587, 0.114], np.float32).reshape(1, 3, 1, 1))), [1])
    sp = spread(cf, qf)
    feats = g.pad_channels(g.concat([cf, g.mul(sp, g.const(0.0)), sp, lum], 1), D - 6)
    px, py = feature_pos_parts()
    fpos = g.add(g.const(px), g.const(py))
    return {"features": feats, "feature_pos": fpos, "high_res_0": hr0, "high_res_1": hr1}


def memory_encoder(g, features, mask, score):
    p = g.clip(g.div(g.sub(mask, g.const(SIGMOID_BIAS)), g.const(SIGMOID_SCALE)), 0.0, 1.0)
    m = g.avgpool(p, S // GRID)                                             # [B,1,h,w]
    present = g.cast(g.greater(score, g.const(0.0)))                        # [B,1]
    m = g.mul(m, g.unsqueeze(present, [2, 3]))
    zb = g.mul(m, g.const(0.0))
    col = g.add(g.sub(g.slice(features, 0, 3, 1), g.const(0.5)), zb)         # [B,3,h,w], centred
    col2 = g.rsum(g.mul(col, col), [1])
    wf = g.mul(m, m)
    nm = g.sub(g.const(1.0), m)
    wb = g.mul(nm, nm)
    mem = g.pad_channels(g.concat([col, col2, g.mul(wf, col), wf, g.mul(wb, col), wb], 1), MC - 12)
    # an absent object is "not found here": the no-object embedding (an empty mask of a present object
    # is evidence: everything here is background)
    absent = g.unsqueeze(g.sub(g.const(1.0), present), [2, 3])
    no_obj = np.zeros((1, MC, 1, 1), np.float32)
    no_obj[0, CH_D2] = NO_OBJ_D2
    mem = g.add(mem, g.mul(absent, g.const(no_obj)))
    px, py = memory_pos_parts()
    pos = g.add(g.add(g.const(px), g.const(py)), zb)
    return {"memory": mem, "memory_pos": pos}


def memory_attention(g, features, feature_pos, memory, memory_pos, pointers, pointer_pos, mks, pks):
    wqf, wqp, wk, wv = attention_weights()
    hw = GRID * GRID
    ft = g.transpose(g.reshape(features, [1, D, hw]), [0, 2, 1])             # [1,T,d]
    pt = g.transpose(g.reshape(feature_pos, [1, D, hw]), [0, 2, 1])
    q = g.add(g.matmul(ft, g.const(wqf)), g.matmul(pt, g.const(wqp)))        # [1,T,11]
    um = g.mul(g.add(memory, memory_pos), g.unsqueeze(mks, [2]))            # key scale before projection
    up = g.mul(g.add(pointers, pointer_pos), g.unsqueeze(pks, [2]))
    k = g.matmul(g.concat([um, up], 1), g.const(wk))                        # [B,N+P,11]
    v = g.matmul(g.concat([memory, pointers], 1), g.const(wv))              # [B,N+P,8]
    kt = g.transpose(k, [0, 2, 1])
    att_a = g.softmax(g.matmul(g.slice(q, 0, 7, 2), g.slice(kt, 0, 7, 1)), 2)   # [B,T,N+P]
    att_b = g.softmax(g.matmul(g.slice(q, 7, 11, 2), g.slice(kt, 7, 11, 1)), 2)
    att_c = g.softmax(g.matmul(g.slice(q, 11, 12, 2), g.slice(kt, 11, 12, 1)), 2)
    oc = g.matmul(att_c, v)
    # the conditioning frame's object colour (the anchor): what the prompt said the object looks like
    anchor = g.div(g.add(g.slice(oc, 0, 3, 2), g.const(FAR_COLOUR.reshape(1, 1, 3) * EPS)), g.add(g.slice(oc, 3, 4, 2), g.const(EPS)))
    oa = g.matmul(att_a, v)                                                 # [B,T,8]
    ob = g.matmul(att_b, v)
    prob = g.clip(g.mul(g.add(g.sub(g.slice(oa, 3, 4, 2), g.slice(oa, 7, 8, 2)), g.const(1.0)), g.const(0.5)), 0.0, 1.0)
    far = g.const(FAR_COLOUR.reshape(1, 1, 3) * EPS)
    fg = g.div(g.add(g.slice(ob, 0, 3, 2), far), g.add(g.slice(ob, 3, 4, 2), g.const(EPS)))
    bg = g.div(g.add(g.slice(ob, 4, 7, 2), far), g.add(g.slice(ob, 7, 8, 2), g.const(EPS)))
    # head A's background colour: what the memory calls background among the cells of this colour
    # (head B's local one where head A saw no background at all)
    lam = g.const(1e-3)
    bg_a = g.div(g.add(g.slice(oa, 4, 7, 2), g.mul(bg, lam)), g.add(g.slice(oa, 7, 8, 2), lam))
    zb = g.mul(prob, g.const(0.0))
    keep = g.add(g.slice(ft, 0, 6, 2), zb)
    flag = g.add(zb, g.const(1.0))
    out = g.concat([anchor, prob, g.slice(keep, 4, 6, 2), bg_a, fg, bg, flag], 2)   # [B,T,d]
    return {"conditioned": g.reshape(g.transpose(out, [0, 2, 1]), [0, D, GRID, GRID])}


def mask_decoder(g, cond, hr0, hr1, coords, labels, mask_input, has_mask):
    one, zero = g.const(1.0), g.const(0.0)
    col = g.sub(g.slice(hr0, 0, 3, 1), g.const(0.5))                        # [1,3,M,M], centred
    col1 = g.sub(g.slice(hr1, 0, 3, 1), g.const(0.5))                       # [1,3,M/2,M/2]
    u16 = g.const(bilinear_matrix(M, GRID)); u16t = g.const(bilinear_matrix(M, GRID).T.copy())
    u32 = g.const(bilinear_matrix(M, M // 2)); u32t = g.const(bilinear_matrix(M, M // 2).T.copy())

    def up16(x):
        return g.matmul(g.matmul(u16, x), u16t)

    def up32(x):
        return g.matmul(g.matmul(u32, x), u32t)

    def sq(x):
        return g.mul(x, x)

    hmem = g.clip(g.rmean(g.slice(cond, F_FLAG, F_FLAG + 1, 1), [2, 3]), 0.0, 1.0)   # [B,1,1,1]
    prob16 = g.slice(cond, F_P, F_P + 1, 1)
    fmem = up16(g.slice(cond, F_FG, F_FG + 3, 1))
    gmem = up16(g.slice(cond, F_BG, F_BG + 3, 1))

    # ---- prompts
    xs = g.slice(coords, 0, 1, 2)                                           # [B,K,1]
    ys = g.slice(coords, 1, 2, 2)
    lab = g.unsqueeze(labels, [2])

    def is_label(v):
        return g.cast(g.less(g.abs(g.sub(lab, g.const(float(v)))), g.const(0.5)))

    wpos, wneg, wb0, wb1 = is_label(1), is_label(0), is_label(2), is_label(3)
    grid = g.const((((np.arange(M) + 0.5) * (S / M)).astype(np.float32)).reshape(1, 1, M))
    inv = g.const(-1.0 / (2 * CLICK_SIGMA ** 2))
    ex = g.exp(g.mul(sq(g.sub(grid, xs)), inv))                             # [B,K,M]
    ey = g.exp(g.mul(sq(g.sub(grid, ys)), inv))
    gk = g.mul(g.unsqueeze(ey, [3]), g.unsqueeze(ex, [2]))                  # [B,K,M,M]
    gflat = g.reshape(gk, [0, 0, M * M])
    cflat = g.transpose(g.reshape(col, [1, 3, M * M]), [0, 2, 1])           # [1,MM,3]
    colk = g.matmul(gflat, cflat)                                           # [B,K,3]
    nk = g.rsum(gflat, [2])                                                 # [B,K,1]
    fclick = g.div(g.rsum(g.mul(wpos, colk), [1]), g.add(g.rsum(g.mul(wpos, nk), [1]), g.const(EPS)))  # [B,1,3]
    fclick = g.unsqueeze(g.transpose(fclick, [0, 2, 1]), [3])               # [B,3,1,1]
    wclick = g.unsqueeze(g.clip(g.rsum(wpos, [1]), 0.0, 1.0), [3])         # [B,1,1,1]
    seeds_click = g.clip(g.mul(g.rsum(g.mul(g.unsqueeze(wpos, [3]), gk), [1]), g.const(2.0)), 0.0, 1.0)  # [B,1,M,M]
    negmap = g.rsum(g.mul(g.unsqueeze(wneg, [3]), gk), [1])

    # box (labels 2 and 3)
    n0 = g.rsum(wb0, [1]); n1 = g.rsum(wb1, [1])                            # [B,1,1]
    hbox = g.unsqueeze(g.mul(g.clip(n0, 0.0, 1.0), g.clip(n1, 0.0, 1.0)), [3])
    bx0 = g.div(g.rsum(g.mul(wb0, xs), [1]), g.add(n0, g.const(EPS)))
    by0 = g.div(g.rsum(g.mul(wb0, ys), [1]), g.add(n0, g.const(EPS)))
    bx1 = g.div(g.rsum(g.mul(wb1, xs), [1]), g.add(n1, g.const(EPS)))
    by1 = g.div(g.rsum(g.mul(wb1, ys), [1]), g.add(n1, g.const(EPS)))
    soft = g.const(1.0 / BOX_SOFT)

    def soft_box(x0, y0, x1, y1):
        inx = g.mul(g.sigmoid(g.mul(g.sub(grid, x0), soft)), g.sigmoid(g.mul(g.sub(x1, grid), soft)))   # [B,1,M]
        iny = g.mul(g.sigmoid(g.mul(g.sub(grid, y0), soft)), g.sigmoid(g.mul(g.sub(y1, grid), soft)))
        return g.mul(g.unsqueeze(iny, [3]), g.unsqueeze(inx, [2]))          # [B,1,M,M]

    bw = g.sub(bx1, bx0); bh = g.sub(by1, by0)
    q = g.const(0.25)
    inside = soft_box(bx0, by0, bx1, by1)
    inner = soft_box(g.add(bx0, g.mul(bw, q)), g.add(by0, g.mul(bh, q)), g.sub(bx1, g.mul(bw, q)), g.sub(by1, g.mul(bh, q)))
    mx = g.add(g.mul(bw, g.const(0.15)), g.const(4.0)); my = g.add(g.mul(bh, g.const(0.15)), g.const(4.0))
    outer = soft_box(g.sub(bx0, mx), g.sub(by0, my), g.add(bx1, mx), g.add(by1, my))
    ring = g.relu(g.sub(outer, inside))

    def mean_colour(w):                                                     # w [B,1,M,M] -> [B,3,1,1]
        return g.div(g.rsum(g.mul(w, col), [2, 3]), g.add(g.rsum(w, [2, 3]), g.const(EPS)))

    ring_col = mean_colour(ring)
    fbox = mean_colour(g.mul(inner, g.add(g.rsum(sq(g.sub(col, ring_col)), [1]), g.const(0.01))))

    # mask prompt
    hm = g.unsqueeze(has_mask, [2, 3])                                      # [B,1,1,1]
    msig = g.sigmoid(mask_input)
    mmask = g.mul(msig, hm)
    fmask = mean_colour(sq(mmask))
    wmask = g.mul(hm, g.clip(g.rsum(mmask, [2, 3]), 0.0, 1.0))

    wsum = g.add(g.add(wclick, hbox), wmask)
    fprompt = g.div(g.add(g.add(g.add(g.mul(wclick, fclick), g.mul(hbox, fbox)), g.mul(wmask, fmask)),
                          g.const(FAR_COLOUR.reshape(1, 3, 1, 1) * EPS)), g.add(wsum, g.const(EPS)))
    wprompt = g.clip(wsum, 0.0, 1.0)

    # local background estimate from the current frame (prompted frames), at 32x32
    sim = g.exp(g.mul(g.rsum(sq(g.sub(col1, fprompt)), [1]), g.const(-1.0 / SIM_TAU)))
    excl = g.maxpool(g.max(sim, g.avgpool(mmask, 2)), 3)
    wbg = g.sub(one, excl)
    gglob = g.div(g.rsum(g.mul(wbg, col1), [2, 3]), g.add(g.rsum(wbg, [2, 3]), g.const(EPS)))
    lam = g.const(0.01)
    gloc = g.div(g.add(g.boxmean(g.mul(wbg, col1), 9), g.mul(gglob, lam)), g.add(g.boxmean(wbg, 9), lam))
    gprompt = up32(gloc)

    # ---- prototypes, colour contrast, prior, seeds
    fg = g.div(g.add(g.add(g.mul(hmem, fmem), g.mul(wprompt, fprompt)), g.const(FAR_COLOUR.reshape(1, 3, 1, 1) * EPS)),
               g.add(g.add(hmem, wprompt), g.const(EPS)))
    bg = g.add(g.mul(hmem, gmem), g.mul(g.sub(one, hmem), gprompt))
    dfg = g.rsum(sq(g.sub(col, fg)), [1])
    dbg = g.rsum(sq(g.sub(col, bg)), [1])
    # linear discriminant between the two prototypes, in units of their squared distance: a pixel
    # alpha*F + (1-alpha)*G gets s = 2*alpha - 1 (sub-pixel boundaries); F ~ G (a same-coloured
    # distractor next to what memory calls background) gives s ~ 0, i.e. "colour cannot tell"
    dfgbg = g.rsum(sq(g.sub(fg, bg)), [1])
    contrast = g.clip(g.div(g.sub(dbg, dfg), g.add(dfgbg, g.const(CONTRAST_EPS))), -1.0, 1.0)   # [B,1,M,M]
    # Which object: P is the share of a cell the memory calls foreground, so divide it by the share of
    # the cell that has the object's colour (a sliver of the object at the frame edge or beside an
    # occluder keeps P/share ~ 1; a same-coloured thing the memory calls background gets ~0). A cell
    # whose colour the memory cannot explain as background (head A's background colour is far from
    # it, compared with the object's colour) is the object coming back into view: that counts too.
    share = g.avgpool(g.mul(g.add(contrast, one), g.const(0.5)), M // GRID)                   # [B,1,h,w]
    ctok = g.avgpool(col, M // GRID)                                                           # [1,3,h,w]
    bga16 = g.slice(cond, F_BGA, F_BGA + 3, 1)
    fg16 = g.slice(cond, F_FG, F_FG + 3, 1)
    dfb = g.rsum(sq(g.sub(fg16, bga16)), [1])
    proj = g.sub(g.add(g.rsum(sq(g.sub(ctok, bga16)), [1]), dfb), g.rsum(sq(g.sub(ctok, fg16)), [1]))
    # projection of the cell colour on the line from head A's background colour to F: the share of
    # object colour the background does not explain (0 when the background colour is the object's)
    unexplained = g.clip(g.div(g.mul(proj, g.const(0.5)), g.add(dfb, g.const(CONTRAST_EPS))), 0.0, 1.0)
    # ... unless that background colour itself has the object's colour in it (the memory saw
    # object-coloured background here: the moving rim of a same-coloured distractor)
    gb16 = g.slice(cond, F_BG, F_BG + 3, 1)
    dfg_b = g.rsum(sq(g.sub(fg16, gb16)), [1])
    bga_share = g.div(g.mul(g.sub(g.add(g.rsum(sq(g.sub(bga16, gb16)), [1]), dfg_b), g.rsum(sq(g.sub(bga16, fg16)), [1])),
                            g.const(0.5)), g.add(dfg_b, g.const(CONTRAST_EPS)))
    unexplained = g.mul(unexplained, g.sub(one, g.clip(g.mul(bga_share, g.const(BGA_VETO)), 0.0, 1.0)))
    id_p = g.clip(g.div(prob16, g.add(share, g.const(SHARE_EPS))), 0.0, 1.0)
    firm_bg = g.mul(share, g.sub(one, id_p))          # object-coloured, but the memory calls it background
    # "unexplained" does not count next to firm background (the rim of a same-coloured distractor)
    veto = g.clip(g.mul(g.sub(g.maxpool(firm_bg, 3), g.const(VETO0)), g.const(VETO_GAIN)), 0.0, 1.0)
    id_u = g.mul(g.clip(g.div(unexplained, g.add(share, g.const(SHARE_EPS))), 0.0, 1.0), g.sub(one, veto))
    ident = g.tap("ident", g.max(id_p, id_u))
    g.tap("unexplained", unexplained)
    g.tap("share", share)
    g.tap("contrast", contrast)
    ident_up = up16(ident)
    # does the pixel look like the prompted object (the anchor colour from memory attention)? A boundary
    # pixel mixes object and background colour: it counts when a neighbour looks like the object
    anc = up16(g.slice(cond, F_ANCHOR, F_ANCHOR + 3, 1))
    anc_sim = g.exp(g.mul(g.rsum(sq(g.sub(col, anc)), [1]), g.const(-1.0 / ANCHOR_TAU)))
    like = g.tap("like", g.maxpool(g.clip(g.mul(g.sub(anc_sim, g.const(LIKE0)), g.const(LIKE_GAIN)), 0.0, 1.0), 3))   # [B,1,M,M]
    # growing does not enter cells that are object-coloured but firmly background in memory
    block = up16(g.clip(g.mul(g.sub(g.mul(share, g.sub(one, ident)), g.const(BLOCK0)), g.const(BLOCK_GAIN)), 0.0, 1.0))
    # the memory prior counts where colour is ambiguous (|s| small)
    ambiguity = g.sub(one, g.abs(contrast))
    base = g.add(g.mul(negmap, g.const(-NEG_WEIGHT)), g.mul(g.mul(hbox, g.const(-BOX_OUT)), g.sub(one, inside)))
    base = g.add(base, g.mul(g.mul(hm, g.const(MASK_PRIOR)), g.sub(g.mul(msig, g.const(2.0)), one)))
    seeds_other = g.max(seeds_click, g.max(g.mul(hbox, inner), mmask))
    g.tap("seeds", seeds_other)

    cands = []
    for (kc, kp, bias, margin, trust) in CANDIDATES:
        # candidates differ in how far they trust memory where the pixel does not look like the prompted
        # object: tight not at all (a look-alike is left out), loose fully
        ident_k = g.mul(ident_up, g.add(like, g.mul(g.sub(one, like), g.const(trust))))
        prior = g.add(g.mul(g.mul(g.mul(hmem, g.const(MEM_PRIOR)), g.sub(g.mul(ident_k, g.const(2.0)), one)), ambiguity), base)
        seeds_mem = g.mul(g.mul(hmem, g.clip(g.mul(g.sub(ident_k, g.const(SEED_P0)), g.const(SEED_GAIN)), 0.0, 1.0)),
                          g.clip(g.mul(g.sub(contrast, g.const(SEED_S0)), g.const(SEED_GAIN_S)), 0.0, 1.0))
        seeds = g.max(seeds_mem, seeds_other)
        lk = g.add(g.add(g.mul(contrast, g.const(kc)), g.mul(prior, g.const(kp))), g.const(bias))
        gate = g.mul(g.sigmoid(g.add(lk, g.const(margin))), g.sub(one, g.mul(hmem, block)))
        r = g.min(seeds, gate)
        for _ in range(GROW_ITERS):
            r = g.min(g.maxpool(r, 5), gate)
        r = g.maxpool(r, 3)          # the cut starts one pixel outside the region: boundaries stay linear
        cut = g.mul(g.sub(one, r), g.const(GROW_CUT))
        cands.append(g.clip(g.sub(lk, cut), -LOGIT_MAX, LOGIT_MAX))
    l0 = g.mul(g.add(g.add(cands[0], cands[1]), cands[2]), g.const(1.0 / 3.0))
    logits = g.concat([l0] + cands, 1)                                      # [B,4,M,M]

    # ---- predicted IoU: expected IoU of each mask if pixels are foreground with prob sigmoid(logit),
    # lowered for the share of the mask that does not look like the prompted object
    pq = g.sigmoid(logits)
    hq = g.sigmoid(g.mul(logits, g.const(4.0)))
    inter = g.rsum(g.mul(pq, hq), [2, 3], keep=False)
    union = g.rsum(g.add(hq, g.mul(pq, g.sub(one, hq))), [2, 3], keep=False)
    iou = g.div(g.add(inter, g.const(0.5)), g.add(union, g.const(1.0)))     # [B,4]
    unlike = g.mul(hmem, g.sub(one, like))                               # [B,1,M,M]
    app = g.div(g.rsum(g.mul(hq, unlike), [2, 3], keep=False), g.add(g.rsum(hq, [2, 3], keep=False), g.const(1.0)))
    iou = g.mul(iou, g.sub(one, g.mul(app, g.const(APP_PENALTY))))

    # ---- presence from the confident foreground area (pixels at 64x64) of the widest reading; area that
    # does not look like the prompted object counts APP_AREA and on its own never makes the model sure
    lmax = g.max(g.max(cands[0], cands[1]), cands[2])
    conf = g.mul(g.clip(lmax, 0.0, 4.0), g.const(0.25))
    a_like = g.rsum(g.mul(conf, g.sub(one, unlike)), [2, 3], keep=False)                   # [B,1]
    a_unlike = g.mul(g.rsum(g.mul(conf, unlike), [2, 3], keep=False), g.const(APP_AREA))
    s_like = g.mul(g.log(g.div(g.add(a_like, g.const(0.05)), g.const(1.5))), g.const(3.0))
    s_unlike = g.min(g.mul(g.log(g.div(g.add(a_unlike, g.const(0.05)), g.const(1.5))), g.const(3.0)), g.const(UNLIKE_CAP))
    score = g.clip(g.max(s_like, s_unlike), -20.0, 20.0)
    present = g.greater(score, zero)
    masks = g.where(g.unsqueeze(present, [2, 3]), logits, g.const(NO_MASK_LOGIT))
    # an absent object predicted empty: as sure as an empty mask can be
    iou = g.where(present, iou, g.add(g.mul(iou, zero), g.const(IOU_ABSENT)))

    # ---- object pointers: the colour of each mask's confident interior
    w = sq(g.clip(g.mul(logits, g.const(0.25)), 0.0, 1.0))
    pc = g.div(g.add(g.matmul(g.reshape(w, [0, 4, M * M]), cflat), g.const(FAR_COLOUR.reshape(1, 1, 3) * EPS)),
               g.add(g.rsum(g.reshape(w, [0, 4, M * M]), [2]), g.const(EPS)))      # [B,4,3]
    pc2 = g.rsum(sq(pc), [2])
    zc = g.mul(pc2, zero)
    onec = g.add(zc, one)
    ptr = g.concat([pc, pc2, pc, onec, zc, zc, zc, zc, onec, zc, zc, zc], 2)    # [B,4,16]
    ptrs = g.where(g.unsqueeze(present, [2]), ptr, g.const(no_object_pointer().reshape(1, 1, D)))
    return {"mask_logits": masks, "iou": iou, "object_score": score, "pointers": ptrs}


GRAPHS = {
    "image_encoder": (image_encoder,
                      [("image", [1, 3, S, S])],
                      [("features", [1, D, GRID, GRID]), ("feature_pos", [1, D, GRID, GRID]),
                       ("high_res_0", [1, C0, 4 * GRID, 4 * GRID]), ("high_res_1", [1, C1, 2 * GRID, 2 * GRID])]),
    "memory_attention": (memory_attention,
                         [("features", [1, D, GRID, GRID]), ("feature_pos", [1, D, GRID, GRID]),
                          ("memory", ["B", "N", MC]), ("memory_pos", ["B", "N", MC]),
                          ("pointers", ["B", "P", MC]), ("pointer_pos", ["B", "P", MC]),
                          ("memory_key_scale", ["B", "N"]), ("pointer_key_scale", ["B", "P"])],
                         [("conditioned", ["B", D, GRID, GRID])]),
    "mask_decoder": (mask_decoder,
                     [("conditioned", ["B", D, GRID, GRID]), ("high_res_0", [1, C0, 4 * GRID, 4 * GRID]),
                      ("high_res_1", [1, C1, 2 * GRID, 2 * GRID]), ("point_coords", ["B", "K", 2]),
                      ("point_labels", ["B", "K"]), ("mask_input", ["B", 1, M, M]), ("has_mask_input", ["B", 1])],
                     [("mask_logits", ["B", 4, M, M]), ("iou", ["B", 4]), ("object_score", ["B", 1]),
                      ("pointers", ["B", 4, D])]),
    "memory_encoder": (memory_encoder,
                       [("features", [1, D, GRID, GRID]), ("mask_for_memory", ["B", 1, S, S]),
                        ("object_score", ["B", 1])],
                       [("memory", ["B", MC, GRID, GRID]), ("memory_pos", ["B", MC, GRID, GRID])]),
}


# ====================================================================== backends
class NumpyBackend:
    """Evaluates a graph function on float32 numpy arrays."""

    def __init__(self):
        self.taps = {}

    def tap(self, name, x):
        """Keeps an intermediate for inspection (numpy only)."""
        self.taps[name] = x
        return x

    @staticmethod
    def f32(x):
        return np.asarray(x, np.float32)

    def const(self, a):
        return np.asarray(a, np.float32)

    def add(self, a, b): return self.f32(a + b)
    def sub(self, a, b): return self.f32(a - b)
    def mul(self, a, b): return self.f32(a * b)
    def div(self, a, b): return self.f32(a / b)
    def min(self, a, b): return self.f32(np.minimum(a, b))
    def max(self, a, b): return self.f32(np.maximum(a, b))
    def exp(self, a): return self.f32(np.exp(a))
    def log(self, a): return self.f32(np.log(a))
    def sqrt(self, a): return self.f32(np.sqrt(a))
    def abs(self, a): return self.f32(np.abs(a))
    def relu(self, a): return self.f32(np.maximum(a, np.float32(0)))

    def sigmoid(self, a):
        a = self.f32(a)
        e = np.exp(-np.abs(a))
        return self.f32(np.where(a >= 0, 1 / (1 + e), e / (1 + e)))

    def clip(self, a, lo, hi): return self.f32(np.clip(a, np.float32(lo), np.float32(hi)))
    def matmul(self, a, b): return self.f32(np.matmul(a, b))
    def rsum(self, a, axes, keep=True): return self.f32(np.sum(a, axis=tuple(axes), keepdims=keep))
    def rmean(self, a, axes): return self.f32(np.mean(a, axis=tuple(axes), keepdims=True))
    def rmax(self, a, axes): return self.f32(np.max(a, axis=tuple(axes), keepdims=True))

    def softmax(self, a, axis):
        e = np.exp(a - np.max(a, axis=axis, keepdims=True))
        return self.f32(e / np.sum(e, axis=axis, keepdims=True))

    def transpose(self, a, perm): return np.ascontiguousarray(np.transpose(a, perm))

    def reshape(self, a, shape):
        shape = [a.shape[i] if s == 0 else s for i, s in enumerate(shape)]
        return a.reshape(shape)

    def concat(self, xs, axis):
        xs = [np.asarray(x, np.float32) for x in xs]
        return np.concatenate(xs, axis=axis)

    def slice(self, a, start, end, axis):
        idx = [slice(None)] * a.ndim
        idx[axis] = slice(start, end)
        return a[tuple(idx)]

    def unsqueeze(self, a, axes):
        for ax in sorted(axes):
            a = np.expand_dims(a, ax)
        return a

    def avgpool(self, a, k):
        n, c, h, w = a.shape
        return self.f32(a.reshape(n, c, h // k, k, w // k, k).mean(axis=(3, 5)))

    def _windows(self, a, k, fill, op):
        r = k // 2
        n, c, h, w = a.shape
        p = np.full((n, c, h + 2 * r, w + 2 * r), fill, np.float32)
        p[:, :, r:r + h, r:r + w] = a
        out = None
        for dy in range(k):
            for dx in range(k):
                v = p[:, :, dy:dy + h, dx:dx + w]
                out = v.copy() if out is None else op(out, v)
        return out

    def maxpool(self, a, k): return self._windows(a, k, -np.inf, np.maximum)

    def boxmean(self, a, k): return self.f32(self._windows(a, k, 0.0, np.add) / np.float32(k * k))

    def pad_channels(self, a, n):
        return np.concatenate([a, np.zeros((a.shape[0], n) + a.shape[2:], np.float32)], axis=1)

    def greater(self, a, b): return np.greater(a, b)
    def less(self, a, b): return np.less(a, b)
    def cast(self, a): return a.astype(np.float32)
    def where(self, c, a, b): return self.f32(np.where(c, a, b))


class OnnxBackend:
    """Records the same operations as ONNX nodes (opset 17)."""

    def __init__(self, name):
        from onnx import helper, numpy_helper, TensorProto
        self.helper, self.numpy_helper, self.TP = helper, numpy_helper, TensorProto
        self.name = name
        self.nodes, self.inits, self.inputs, self.outputs = [], [], [], []
        self.n = 0
        self.const_cache = {}

    def _name(self, kind):
        self.n += 1
        return f"{kind}_{self.n}"

    def input(self, name, shape):
        self.inputs.append(self.helper.make_tensor_value_info(name, self.TP.FLOAT, shape))
        return name

    def output(self, name, src, shape):
        self.nodes.append(self.helper.make_node("Identity", [src], [name], name=f"out_{name}"))
        self.outputs.append(self.helper.make_tensor_value_info(name, self.TP.FLOAT, shape))

    def _const(self, a, dtype):
        a = np.asarray(a, dtype)
        key = (a.dtype.str, a.shape, a.tobytes())
        if key not in self.const_cache:
            nm = self._name("c")
            self.inits.append(self.numpy_helper.from_array(a, nm))
            self.const_cache[key] = nm
        return self.const_cache[key]

    def const(self, a): return self._const(a, np.float32)
    def tap(self, name, x): return x
    def ints(self, a): return self._const(np.asarray(a, np.int64), np.int64)

    def op(self, kind, ins, **attrs):
        out = self._name(kind.lower())
        self.nodes.append(self.helper.make_node(kind, ins, [out], name=out + "_n", **attrs))
        return out

    def add(self, a, b): return self.op("Add", [a, b])
    def sub(self, a, b): return self.op("Sub", [a, b])
    def mul(self, a, b): return self.op("Mul", [a, b])
    def div(self, a, b): return self.op("Div", [a, b])
    def min(self, a, b): return self.op("Min", [a, b])
    def max(self, a, b): return self.op("Max", [a, b])
    def exp(self, a): return self.op("Exp", [a])
    def log(self, a): return self.op("Log", [a])
    def sqrt(self, a): return self.op("Sqrt", [a])
    def abs(self, a): return self.op("Abs", [a])
    def relu(self, a): return self.op("Relu", [a])
    def sigmoid(self, a): return self.op("Sigmoid", [a])
    def clip(self, a, lo, hi): return self.op("Clip", [a, self.const(np.float32(lo)), self.const(np.float32(hi))])
    def matmul(self, a, b): return self.op("MatMul", [a, b])
    def rsum(self, a, axes, keep=True): return self.op("ReduceSum", [a, self.ints(axes)], keepdims=1 if keep else 0)
    def rmean(self, a, axes): return self.op("ReduceMean", [a], axes=list(axes), keepdims=1)
    def rmax(self, a, axes): return self.op("ReduceMax", [a], axes=list(axes), keepdims=1)
    def softmax(self, a, axis): return self.op("Softmax", [a], axis=axis)
    def transpose(self, a, perm): return self.op("Transpose", [a], perm=list(perm))
    def reshape(self, a, shape): return self.op("Reshape", [a, self.ints(shape)])
    def concat(self, xs, axis): return self.op("Concat", list(xs), axis=axis)
    def slice(self, a, start, end, axis):
        return self.op("Slice", [a, self.ints([start]), self.ints([end]), self.ints([axis])])
    def unsqueeze(self, a, axes): return self.op("Unsqueeze", [a, self.ints(axes)])
    def avgpool(self, a, k): return self.op("AveragePool", [a], kernel_shape=[k, k], strides=[k, k])
    def maxpool(self, a, k):
        r = k // 2
        return self.op("MaxPool", [a], kernel_shape=[k, k], strides=[1, 1], pads=[r, r, r, r])
    def boxmean(self, a, k):
        r = k // 2
        return self.op("AveragePool", [a], kernel_shape=[k, k], strides=[1, 1], pads=[r, r, r, r], count_include_pad=1)
    def pad_channels(self, a, n):
        return self.op("Pad", [a, self.ints([0, 0, 0, 0, 0, n, 0, 0])], mode="constant")
    def greater(self, a, b): return self.op("Greater", [a, b])
    def less(self, a, b): return self.op("Less", [a, b])
    def cast(self, a): return self.op("Cast", [a], to=self.TP.FLOAT)
    def where(self, c, a, b): return self.op("Where", [c, a, b])

    def model(self):
        import onnx
        graph = self.helper.make_graph(self.nodes, self.name, self.inputs, self.outputs, self.inits)
        m = self.helper.make_model(graph, opset_imports=[self.helper.make_opsetid("", 17)],
                                   producer_name="sam2long-demo", producer_version="1")
        m.ir_version = 8
        m.doc_string = "sam2long-demo " + self.name + ": hand-designed synthetic network (engine/tooling/synthetic_model)"
        onnx.checker.check_model(m, full_check=True)
        return m


def build_onnx(name):
    fn, ins, outs = GRAPHS[name]
    g = OnnxBackend(name)
    handles = [g.input(n, s) for n, s in ins]
    res = fn(g, *handles)
    for n, s in outs:
        g.output(n, res[n], s)
    return g.model()


NP = NumpyBackend()


def run_numpy(name, **inputs):
    fn, ins, _ = GRAPHS[name]
    return fn(NP, *[np.asarray(inputs[n], np.float32) for n, _ in ins])
