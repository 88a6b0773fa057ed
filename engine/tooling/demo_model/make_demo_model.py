"""Generates the bundled synthetic demo/test model `sam2long-demo` (docs/model-contract.md).

A small hand-designed network, not a trained one and not SAM 2: colour features on a 16x16 grid,
memory attention that is real softmax attention acting as kNN label propagation (keys = colour and
position, values = foreground/background colour), and a decoder that refines the attended
foreground probability at 64x64 with a local two-colour classifier, or grows regions from clicks
and boxes on prompted frames. Deterministic: the same script writes byte-identical files.

    apt-get install python3-onnx python3-numpy
    /usr/bin/python3 engine/tooling/demo_model/make_demo_model.py engine/src/main/resources/models/sam2long-demo
"""
import hashlib, json, os, sys
import numpy as np
import onnx
from onnx import helper, TensorProto, numpy_helper

S, G, D, MC, M = 256, 16, 16, 16, 64
A_COL, B_POS = 100.0, 10.0
MEAN = np.array([0.485, 0.456, 0.406], np.float32)
STD = np.array([0.229, 0.224, 0.225], np.float32)

class Graph:
    def __init__(self, name):
        self.name, self.nodes, self.inits, self.inputs, self.outputs, self.n = name, [], [], [], [], 0
    def const(self, arr, dtype=np.float32):
        self.n += 1; nm = f"c{self.n}"
        self.inits.append(numpy_helper.from_array(np.asarray(arr, dtype), nm)); return nm
    def op(self, t, ins, **kw):
        self.n += 1; out = f"t{self.n}"
        self.nodes.append(helper.make_node(t, ins, [out], **kw)); return out
    def op_named(self, t, ins, out, **kw):
        self.nodes.append(helper.make_node(t, ins, [out], **kw)); return out
    def inp(self, name, shape):
        self.inputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)); return name
    def out(self, name, src, shape):
        self.nodes.append(helper.make_node("Identity", [src], [name]))
        self.outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, shape))
    def sl(self, x, start, end, axis):
        return self.op("Slice", [x, self.const([start], np.int64), self.const([end], np.int64), self.const([axis], np.int64)])
    def model(self):
        g = helper.make_graph(self.nodes, self.name, self.inputs, self.outputs, self.inits)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)], producer_name="sam2long-demo")
        m.ir_version = 8
        onnx.checker.check_model(m)
        return m

def pos_grid(n):
    c = (np.arange(n, dtype=np.float32) + 0.5) / n
    return np.meshgrid(c, c)  # xs, ys (row-major: [y][x])

def image_encoder():
    g = Graph("image_encoder")
    x = g.inp("image", [1, 3, S, S])
    rgb = g.op("Add", [g.op("Mul", [x, g.const(STD.reshape(1, 3, 1, 1))]), g.const(MEAN.reshape(1, 3, 1, 1))])
    def pooled(k, ch):
        p = g.op("AveragePool", [rgb], kernel_shape=[k, k], strides=[k, k])
        return g.op("Pad", [p, g.const([0, 0, 0, 0, 0, ch - 3, 0, 0], np.int64)])
    g.out("high_res_0", pooled(4, 4), [1, 4, 4 * G, 4 * G])
    g.out("high_res_1", pooled(8, 4), [1, 4, 2 * G, 2 * G])
    g.out("features", pooled(16, D), [1, D, G, G])
    xs, ys = pos_grid(G)
    pos = np.zeros((1, D, G, G), np.float32); pos[0, 14], pos[0, 15] = xs, ys
    g.out("feature_pos", g.const(pos), [1, D, G, G])
    return g.model()

def memory_encoder():
    g = Graph("memory_encoder")
    f = g.inp("features", [1, D, G, G]); mk = g.inp("mask_for_memory", ["B", 1, S, S]); sc = g.inp("object_score", ["B", 1])
    p = g.op("Clip", [g.op("Div", [g.op("Add", [mk, g.const(10.0)]), g.const(20.0)]), g.const(0.0), g.const(1.0)])
    mp = g.op("AveragePool", [p], kernel_shape=[16, 16], strides=[16, 16])          # [B,1,G,G]
    present = g.op("Cast", [g.op("Greater", [sc, g.const(0.0)])], to=TensorProto.FLOAT)  # [B,1]
    mp = g.op("Mul", [mp, g.op("Unsqueeze", [present, g.const([2, 3], np.int64)])])
    col = g.sl(f, 0, 3, 1)
    inv = g.op("Sub", [g.const(1.0), mp])
    zeros8 = g.op("Mul", [mp, g.const(np.zeros((1, 8, 1, 1), np.float32))])
    mem = g.op("Concat", [g.op("Mul", [mp, col]), g.op("Mul", [inv, col]), mp, inv, zeros8], axis=1)
    g.out("memory", mem, ["B", MC, G, G])
    xs, ys = pos_grid(G)
    pos = np.zeros((1, MC, G, G), np.float32); pos[0, 8], pos[0, 9] = xs, ys; pos[0, 11] = 1.0
    g.out("memory_pos", g.op("Add", [g.op("Mul", [mp, g.const(0.0)]), g.const(pos)]), ["B", MC, G, G])
    return g.model()

def memory_attention():
    g = Graph("memory_attention")
    f = g.inp("features", [1, D, G, G]); fp = g.inp("feature_pos", [1, D, G, G])
    mem = g.inp("memory", ["B", "N", MC]); mpos = g.inp("memory_pos", ["B", "N", MC])
    ptr = g.inp("pointers", ["B", "P", MC]); ppos = g.inp("pointer_pos", ["B", "P", MC])
    ms = g.inp("memory_key_scale", ["B", "N"]); ps = g.inp("pointer_key_scale", ["B", "P"])
    q = g.op("Transpose", [g.op("Reshape", [f, g.const([1, D, G * G], np.int64)])], perm=[0, 2, 1])     # [1,T,D]
    qp = g.op("Transpose", [g.op("Reshape", [fp, g.const([1, D, G * G], np.int64)])], perm=[0, 2, 1])
    qc = g.sl(q, 0, 3, 2); qxy = g.sl(qp, 14, 16, 2)
    # query vector: [2a*qc, 2b*qxy, -a, -b, 1]
    ones = g.op("Add", [g.op("Mul", [g.sl(q, 0, 1, 2), g.const(0.0)]), g.const(1.0)])               # [1,T,1]
    qv = g.op("Concat", [g.op("Mul", [qc, g.const(2 * A_COL)]), g.op("Mul", [qxy, g.const(2 * B_POS)]),
                         g.op("Mul", [ones, g.const(-A_COL)]), g.op("Mul", [ones, g.const(-B_POS)]), ones], axis=2)  # [1,T,8]
    kin = g.op("Mul", [g.op("Add", [mem, mpos]), g.op("Unsqueeze", [ms, g.const([2], np.int64)])])   # [B,N,MC]
    kc = g.op("Add", [g.sl(kin, 0, 3, 2), g.sl(kin, 3, 6, 2)])
    kxy = g.sl(kin, 8, 10, 2)
    kslot = g.sl(kin, 10, 11, 2)
    kc2 = g.op("ReduceSum", [g.op("Mul", [kc, kc]), g.const([2], np.int64)], keepdims=1)
    kxy2 = g.op("ReduceSum", [g.op("Mul", [kxy, kxy]), g.const([2], np.int64)], keepdims=1)
    kv = g.op("Concat", [kc, kxy, kc2, kxy2, kslot], axis=2)                                          # [B,N,8]
    logit_m = g.op("MatMul", [qv, g.op("Transpose", [kv], perm=[0, 2, 1])])                          # [B,T,N]
    # pointer tokens: a weak constant logit (they carry no label), still scaled by their key weight
    pin = g.op("Mul", [g.op("Add", [ptr, ppos]), g.op("Unsqueeze", [ps, g.const([2], np.int64)])])  # [B,P,MC]
    plog = g.op("Add", [g.op("Mul", [g.op("ReduceSum", [pin, g.const([2], np.int64)], keepdims=1), g.const(0.01)]), g.const(-30.0)])  # [B,P,1]
    plog = g.op("Add", [g.op("Transpose", [plog], perm=[0, 2, 1]), g.op("Mul", [g.sl(logit_m, 0, 1, 2), g.const(0.0)])])  # [B,T,P]
    att = g.op("Softmax", [g.op("Concat", [logit_m, plog], axis=2)], axis=2)
    vals = g.op("Concat", [g.sl(mem, 0, 8, 2), g.op("Mul", [g.sl(pin, 0, 8, 2), g.const(0.0)])], axis=1)  # [B,N+P,8]
    out = g.op("MatMul", [att, vals])                                                                 # [B,T,8]
    fg = g.sl(out, 6, 7, 2); bg = g.sl(out, 7, 8, 2)
    # local prototypes, pulled towards the frame-wide ones where a token has little evidence
    rsum = lambda v: g.op("ReduceSum", [v, g.const([1], np.int64)], keepdims=1)
    gfg = g.op("Div", [rsum(g.sl(out, 0, 3, 2)), g.op("Add", [rsum(fg), g.const(1e-4)])])          # [B,1,3]
    gbg = g.op("Div", [rsum(g.sl(out, 3, 6, 2)), g.op("Add", [rsum(bg), g.const(1e-4)])])
    fgc = g.op("Div", [g.op("Add", [g.sl(out, 0, 3, 2), g.op("Mul", [gfg, g.const(0.05)])]), g.op("Add", [fg, g.const(0.05)])])
    bgc = g.op("Div", [g.op("Add", [g.sl(out, 3, 6, 2), g.op("Mul", [gbg, g.const(0.05)])]), g.op("Add", [bg, g.const(0.05)])])
    qcb = g.op("Add", [qc, g.op("Mul", [fg, g.const(0.0)])])                                         # broadcast to [B,T,3]
    onesb = g.op("Add", [g.op("Mul", [fg, g.const(0.0)]), g.const(1.0)])
    # the object's colour as the pointers remember it (no-object pointers are zero and do not count)
    pcolr = g.sl(ptr, 0, 3, 2)                                                                        # [B,P,3]
    nz = g.op("Cast", [g.op("Greater", [g.op("ReduceSum", [g.op("Abs", [pcolr]), g.const([2], np.int64)], keepdims=1), g.const(1e-6)])], to=TensorProto.FLOAT)
    pcol = g.op("Div", [g.op("ReduceSum", [pcolr, g.const([1], np.int64)], keepdims=1),
                        g.op("Add", [g.op("ReduceSum", [nz, g.const([1], np.int64)], keepdims=1), g.const(1e-3)])])  # [B,1,3]
    pcolb = g.op("Add", [pcol, g.op("Mul", [qcb, g.const(0.0)])])                                     # [B,T,3]
    zeros2 = g.op("Mul", [fg, g.const(np.zeros((1, 1, 2), np.float32))])
    cond = g.op("Concat", [qcb, fg, fgc, bgc, onesb, pcolb, zeros2], axis=2)                          # [B,T,16]
    cond = g.op("Reshape", [g.op("Transpose", [cond], perm=[0, 2, 1]), g.const([-1, D, G, G], np.int64)])
    g.out("conditioned", cond, ["B", D, G, G])
    return g.model()

def mask_decoder():
    g = Graph("mask_decoder")
    c = g.inp("conditioned", ["B", D, G, G]); h0 = g.inp("high_res_0", [1, 4, M, M]); g.inp("high_res_1", [1, 4, 2 * G, 2 * G])
    pc = g.inp("point_coords", ["B", "K", 2]); pl = g.inp("point_labels", ["B", "K"])
    mi = g.inp("mask_input", ["B", 1, M, M]); hm = g.inp("has_mask_input", ["B", 1])
    pix = g.sl(h0, 0, 3, 1)                                                                    # [1,3,M,M]
    up = lambda x: g.op("Resize", [x, "", g.const([1, 1, 4, 4])], mode="linear")
    fgu = up(g.sl(c, 3, 4, 1)); fgcu = up(g.sl(c, 4, 7, 1)); bgcu = up(g.sl(c, 7, 10, 1))
    hasmem = g.op("ReduceMean", [g.sl(c, 10, 11, 1)], axes=[1, 2, 3], keepdims=1)              # [B,1,1,1]
    def sqdist(a, b):
        d = g.op("Sub", [a, b]); return g.op("ReduceSum", [g.op("Mul", [d, d]), g.const([1], np.int64)], keepdims=1)
    ct = g.op("Sub", [sqdist(pix, bgcu), sqdist(pix, fgcu)])                                   # [B,1,M,M]
    ctn = g.op("Clip", [g.op("Div", [ct, g.op("Add", [sqdist(fgcu, bgcu), g.const(1e-3)])]), g.const(-1.5), g.const(1.5)])
    colour = g.op("Mul", [ctn, g.const(12.0)])
    mem_logits = [g.op("Add", [g.op("Mul", [g.op("Sub", [fgu, g.const(th)]), g.const(25.0)]), colour]) for th in (0.5, 0.35, 0.5, 0.65)]
    maxfg = g.op("ReduceMax", [fgu], axes=[1, 2, 3], keepdims=1)
    gcol = g.op("ReduceMean", [g.sl(c, 11, 14, 1)], axes=[2, 3], keepdims=1)                     # [B,3,1,1]
    pm = g.op("ReduceMax", [g.op("Exp", [g.op("Mul", [sqdist(pix, gcol), g.const(-30.0)])])], axes=[1, 2, 3], keepdims=1)
    mem_score = g.op("Mul", [g.op("Sub", [g.op("Max", [maxfg, pm]), g.const(0.25)]), g.const(20.0)])  # [B,1,1,1]
    fgcol_mem = g.op("Div", [g.op("ReduceSum", [g.op("Mul", [fgcu, fgu]), g.const([2, 3], np.int64)], keepdims=1),
                             g.op("Add", [g.op("ReduceSum", [fgu, g.const([2, 3], np.int64)], keepdims=1), g.const(1e-3)])])  # [B,3,1,1]
    # prompts: gaussians around points on the M x M grid
    grid = (np.arange(M, dtype=np.float32) + 0.5) * (S / M)
    px = g.sl(pc, 0, 1, 2); py = g.sl(pc, 1, 2, 2)                                              # [B,K,1]
    dx2 = g.op("Pow", [g.op("Sub", [g.const(grid.reshape(1, 1, M)), px]), g.const(2.0)])        # [B,K,M]
    dy2 = g.op("Pow", [g.op("Sub", [g.const(grid.reshape(1, 1, M)), py]), g.const(2.0)])
    d2 = g.op("Add", [g.op("Unsqueeze", [dy2, g.const([3], np.int64)]), g.op("Unsqueeze", [dx2, g.const([2], np.int64)])])  # [B,K,M,M]
    gauss = g.op("Exp", [g.op("Mul", [d2, g.const(-1.0 / (2 * 6.0 ** 2))])])
    lab = lambda v: g.op("Unsqueeze", [g.op("Cast", [g.op("Equal", [pl, g.const(v)])], to=TensorProto.FLOAT), g.const([2, 3], np.int64)])
    isp, isn, is2, is3 = lab(1.0), lab(0.0), lab(2.0), lab(3.0)
    wpos = g.op("ReduceSum", [g.op("Mul", [gauss, isp]), g.const([1], np.int64)], keepdims=1)   # [B,1,M,M]
    wneg = g.op("ReduceSum", [g.op("Mul", [gauss, isn]), g.const([1], np.int64)], keepdims=1)
    # box corners and centre
    def corner(mask, coord):
        return g.op("ReduceSum", [g.op("Mul", [g.op("Squeeze", [mask, g.const([3], np.int64)]), coord]), g.const([1], np.int64)], keepdims=1)  # [B,1,1]
    hasbox = g.op("ReduceMax", [is2], axes=[1, 2, 3], keepdims=1)                                 # [B,1,1,1]
    x0, y0, x1, y1 = corner(is2, px), corner(is2, py), corner(is3, px), corner(is3, py)
    cx = g.op("Mul", [g.op("Add", [x0, x1]), g.const(0.5)]); cy = g.op("Mul", [g.op("Add", [y0, y1]), g.const(0.5)])
    gxr = g.const(grid.reshape(1, 1, M)); 
    bdx2 = g.op("Pow", [g.op("Sub", [gxr, cx]), g.const(2.0)]); bdy2 = g.op("Pow", [g.op("Sub", [gxr, cy]), g.const(2.0)])
    bgauss = g.op("Exp", [g.op("Mul", [g.op("Add", [g.op("Unsqueeze", [bdy2, g.const([3], np.int64)]), g.op("Unsqueeze", [bdx2, g.const([2], np.int64)])]), g.const(-1.0 / (2 * 6.0 ** 2))])])  # [B,1,M,M]
    sig = lambda v: g.op("Sigmoid", [v])
    inx = g.op("Mul", [sig(g.op("Mul", [g.op("Sub", [gxr, x0]), g.const(1.0)])), sig(g.op("Mul", [g.op("Sub", [x1, gxr]), g.const(1.0)]))])  # [B,1,M]
    iny = g.op("Mul", [sig(g.op("Mul", [g.op("Sub", [gxr, y0]), g.const(1.0)])), sig(g.op("Mul", [g.op("Sub", [y1, gxr]), g.const(1.0)]))])
    inside = g.op("Mul", [g.op("Unsqueeze", [iny, g.const([3], np.int64)]), g.op("Unsqueeze", [inx, g.const([2], np.int64)])])  # [B,1,M,M]
    inside = g.op("Add", [g.op("Mul", [inside, hasbox]), g.op("Sub", [g.const(1.0), hasbox])])
    wseed = g.op("Add", [wpos, g.op("Mul", [bgauss, hasbox])])
    def proto(w):
        num = g.op("ReduceSum", [g.op("Mul", [w, pix]), g.const([2, 3], np.int64)], keepdims=1)
        den = g.op("Add", [g.op("ReduceSum", [w, g.const([2, 3], np.int64)], keepdims=1), g.const(1e-6)])
        return g.op("Div", [num, den])                                                          # [B,3,1,1]
    pproto = proto(wseed); nproto = proto(wneg)
    hasneg = g.op("Cast", [g.op("Greater", [g.op("ReduceSum", [wneg, g.const([2, 3], np.int64)], keepdims=1), g.const(1e-3)])], to=TensorProto.FLOAT)
    dpos = sqdist(pix, pproto); dneg = sqdist(pix, nproto)
    notneg = g.op("Add", [g.op("Mul", [sig(g.op("Mul", [g.op("Sub", [dneg, dpos]), g.const(200.0)])), hasneg]), g.op("Sub", [g.const(1.0), hasneg])])
    seed = g.op("Clip", [g.op("Mul", [wseed, g.const(3.0)]), g.const(0.0), g.const(1.0)])
    prompt_logits = []
    for tol in (0.03, 0.012, 0.03, 0.08):
        simv = g.op("Mul", [g.op("Mul", [sig(g.op("Mul", [g.op("Sub", [g.const(tol), dpos]), g.const(400.0)])), notneg]), inside])
        r = g.op("Mul", [seed, simv])
        for _ in range(40):
            r = g.op("Max", [r, g.op("Mul", [g.op("MaxPool", [r], kernel_shape=[3, 3], pads=[1, 1, 1, 1]), simv])])
        prompt_logits.append(g.op("Mul", [g.op("Sub", [r, g.const(0.5)]), g.const(20.0)]))
    anyprompt = g.op("Clip", [g.op("Add", [g.op("ReduceMax", [isp], axes=[1, 2, 3], keepdims=1), hasbox]), g.const(0.0), g.const(1.0)])
    maskany = g.op("Cast", [g.op("Greater", [g.op("ReduceMax", [mi], axes=[1, 2, 3], keepdims=1), g.const(0.0)])], to=TensorProto.FLOAT)
    hm4 = g.op("Unsqueeze", [hm, g.const([2, 3], np.int64)])
    prompt_score = g.op("Sub", [g.op("Mul", [g.op("Clip", [g.op("Add", [anyprompt, g.op("Mul", [maskany, hm4])]), g.const(0.0), g.const(1.0)]), g.const(20.0)]), g.const(10.0)])
    notmem = g.op("Sub", [g.const(1.0), hasmem])
    score = g.op("Add", [g.op("Mul", [mem_score, hasmem]), g.op("Mul", [prompt_score, notmem])])          # [B,1,1,1]
    present = g.op("Greater", [score, g.const(0.0)])
    evidence = g.op("Mul", [sig(g.op("Mul", [ctn, g.const(6.0)])), sig(g.op("Mul", [g.op("Sub", [fgu, g.const(0.15)]), g.const(20.0)]))])
    masks, ious = [], []
    for k in range(4):
        L = g.op("Add", [g.op("Add", [g.op("Mul", [mem_logits[k], hasmem]), g.op("Mul", [prompt_logits[k], notmem])]),
                         g.op("Mul", [mi, g.op("Mul", [hm4, g.const(0.5)])])])
        rs = lambda v: g.op("ReduceSum", [v, g.const([1, 2, 3], np.int64)], keepdims=1)
        inner = rs(sig(g.op("Sub", [L, g.const(4.0)])))
        outer = rs(sig(g.op("Add", [L, g.const(4.0)])))
        stab = g.op("Div", [g.op("Add", [inner, g.const(1.0)]), g.op("Add", [outer, g.const(1.0)])])
        cand = sig(L)
        inter = rs(g.op("Mul", [cand, evidence]))
        union = g.op("Sub", [g.op("Add", [rs(cand), rs(evidence)]), inter])
        agree = g.op("Div", [g.op("Add", [inter, g.const(1.0)]), g.op("Add", [union, g.const(1.0)])])
        ious.append(g.op("Add", [g.op("Mul", [agree, hasmem]), g.op("Mul", [stab, notmem])]))
        masks.append(g.op("Where", [present, L, g.const(-1024.0)]))
    g.out("mask_logits", g.op("Concat", masks, axis=1), ["B", 4, M, M])
    g.out("iou", g.op("Reshape", [g.op("Concat", ious, axis=1), g.const([-1, 4], np.int64)]), ["B", 4])
    g.out("object_score", g.op("Reshape", [score, g.const([-1, 1], np.int64)]), ["B", 1])
    col = g.op("Add", [g.op("Mul", [fgcol_mem, hasmem]), g.op("Mul", [pproto, notmem])])                  # [B,3,1,1]
    ptr = g.op("Reshape", [g.op("Pad", [col, g.const([0, 0, 0, 0, 0, D - 3, 0, 0], np.int64)]), g.const([-1, 1, D], np.int64)])
    ptr = g.op("Where", [g.op("Reshape", [present, g.const([-1, 1, 1], np.int64)]), ptr, g.const(np.zeros((1, 1, D), np.float32))])
    g.out("pointers", g.op("Concat", [ptr, ptr, ptr, ptr], axis=1), ["B", 4, D])
    return g.model()

def main(out):
    os.makedirs(out, exist_ok=True)
    graphs = {"image_encoder": image_encoder(), "memory_attention": memory_attention(),
              "mask_decoder": mask_decoder(), "memory_encoder": memory_encoder()}
    man = {"format": "sam2long-model/1", "name": "sam2long-demo",
           "description": "Synthetic demo/test model: colour features, kNN-style memory attention, region-growing decoder. Not SAM 2.",
           "licence": "Apache-2.0", "image_size": S, "image_mean": MEAN.tolist(), "image_std": STD.tolist(),
           "feature_grid": [G, G], "feature_channels": D, "memory_channels": MC, "high_res_channels": [4, 4],
           "mask_size": M, "num_maskmem": 7, "max_obj_ptrs": 16, "sigmoid_scale": 20.0, "sigmoid_bias": -10.0,
           "binarize_mask_from_points": True, "multimask_stability_delta": 0.05, "multimask_stability_thresh": 0.98,
           "fill_hole_area": 8, "graphs": {}}
    def dims(vi):
        return [d.dim_param if d.dim_param else d.dim_value for d in vi.type.tensor_type.shape.dim]
    for name, m in graphs.items():
        data = m.SerializeToString()
        fn = name + ".onnx"
        open(os.path.join(out, fn), "wb").write(data)
        man["graphs"][name] = {"file": fn, "sha256": hashlib.sha256(data).hexdigest(),
            "inputs": [{"name": i.name, "shape": dims(i), "dtype": "float32"} for i in m.graph.input],
            "outputs": [{"name": o.name, "shape": dims(o), "dtype": "float32"} for o in m.graph.output]}
    tpos = np.zeros((7, MC), np.float32)
    for row in range(6):
        tpos[row, 10] = -0.2 * row
    tpos[6, 10] = 6.0
    host = {"maskmem_tpos_enc": {"shape": [7, MC], "data": tpos.ravel().tolist()},
            "no_mem_embed": {"shape": [D], "data": [0.0] * D},
            "obj_ptr_tpos_proj_weight": {"shape": [MC, D], "data": (np.eye(MC, D, dtype=np.float32) * 0.1).ravel().tolist()},
            "obj_ptr_tpos_proj_bias": {"shape": [MC], "data": [0.0] * MC}}
    hb = json.dumps(host).encode()
    open(os.path.join(out, "host_tensors.json"), "wb").write(hb)
    man["host_tensors"] = {"file": "host_tensors.json", "sha256": hashlib.sha256(hb).hexdigest()}
    open(os.path.join(out, "manifest.json"), "w").write(json.dumps(man, indent=2) + "\n")

if __name__ == "__main__":
    main(sys.argv[1])
