#!/usr/bin/env python3
"""Weightless export: the four contract graphs without their weights, plus the table that lets a
converter without Python (the installer's ``WeightlessConverter``) rebuild every weight from an
official checkpoint.

    python3 export_sam2.py --weightless --config configs/sam2.1/sam2.1_hiera_t.yaml \\
        --name sam2.1_hiera_tiny --out weightless/sam2.1_hiera_tiny

What torch.onnx.export (TorchScript exporter, constant folding on, as ``export_sam2.py`` runs it)
does to the weights, found on the SAM 2.1 graphs:
  * most parameters become initializers unchanged (conv kernels, norms, biases, embeddings);
  * the weight of a Linear applied to a 3-D/4-D input is exported as MatMul(x, W^T), and folding
    stores W^T: a transposed copy named ``onnx::MatMul_<n>``;
  * ``x[:, None, None]``-style uses of 1-D parameters fold into reshaped copies;
  * the mask decoder's output tokens ``cat(obj_score_token, iou_token, mask_tokens)`` fold into one
    concatenated initializer;
  * what is computed from parameters at run time (the Hiera position embedding's bicubic resize,
    the prompt encoder's dense positional encoding) is not folded: the parameters stay as they are;
  * initializers that do not depend on weights (rotary cos/sin tables, resize scales, shapes)
    stay in the weightless graph;
  * equal initializers are deduplicated, so the weights used here are random and distinct.

So every weight initializer is a flat concatenation of checkpoint tensors, each optionally
permuted. The table (``conversion.json``) records, per graph, each removed initializer's name,
shape and parts ``{"key": checkpoint key, "perm": null | [axes]}``; the host tensors the same way.
The mapping is found by value (random distinct weights) and then proven: the model is built again
with other random weights, exported in full, and the table applied to those weights must give
exactly that export's initializers, with identical graph structure (``--no-self-check`` skips it).
"""
import hashlib
import itertools
import json
import os
import shutil
import tempfile
import time

import numpy as np
import torch

import export_sam2 as E

TABLE_FORMAT = "sam2long-weightless/1"
GRAPHS = ("image_encoder", "memory_attention", "mask_decoder", "memory_encoder")


def randomize(model, seed):
    """Give every float tensor of the state dict random, distinct values (keeps the structure)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for t in model.state_dict().values():
            if t.is_floating_point():
                t.add_(0.05 * torch.randn(t.shape, generator=g).to(t.dtype))
    return model


def float_state(model):
    return {k: v.detach().float().cpu().numpy() for k, v in model.state_dict().items() if v.is_floating_point()}


def multiset_key(a):
    return a.size, hashlib.sha1(np.sort(a.ravel()).tobytes()).hexdigest()


class Finder:
    """Finds an array among the checkpoint tensors: one tensor (optionally permuted) or a flat
    concatenation of whole tensors."""

    def __init__(self, state):
        self.state = state
        self.by_multiset = {}
        self.by_first = {}
        for k, v in state.items():
            if v.size == 0:
                continue
            self.by_multiset.setdefault(multiset_key(v), k)
            self.by_first.setdefault(v.ravel()[0].tobytes(), []).append(k)

    def parts(self, a):
        flat = np.ascontiguousarray(a, dtype=np.float32).ravel()
        if flat.size == 0:
            return None
        key = self.by_multiset.get(multiset_key(flat))
        if key is not None:
            src = self.state[key]
            for perm in itertools.permutations(range(src.ndim)):
                if np.array_equal(np.transpose(src, perm).ravel(), flat):
                    identity = list(perm) == list(range(src.ndim))
                    return [{"key": key, "perm": None if identity else list(perm)}]
        parts, p = [], 0
        while p < flat.size:
            found = None
            for k in self.by_first.get(flat[p].tobytes(), ()):
                m = self.state[k].size
                if p + m <= flat.size and np.array_equal(self.state[k].ravel(), flat[p:p + m]):
                    found = k
                    break
            if found is None:
                return None
            parts.append({"key": found, "perm": None})
            p += self.state[found].size
        return parts


def apply_parts(state, parts, shape):
    """What the Java converter does: concatenate the (permuted) tensors and reshape."""
    flat = [np.transpose(state[p["key"]], p["perm"]).ravel() if p["perm"] else state[p["key"]].ravel()
            for p in parts]
    return np.concatenate(flat).astype(np.float32).reshape(shape)


def export_all(model, out_dir, attention_tile, log, graphs=GRAPHS):
    import onnx

    z, adapters = E.build_adapters(model)
    specs = E.contract(z)
    models = {}
    for g in graphs:
        path = os.path.join(out_dir, g + ".onnx")
        t0 = time.time()
        E.export_graph(g, adapters[g].eval(), specs[g], z, path, attention_tile)
        models[g] = onnx.load(path)
        log(f"exported {g} in {time.time() - t0:.1f} s")
    return z, specs, models


def structure_bytes(model, removed):
    import onnx

    m = onnx.ModelProto()
    m.CopyFrom(model)
    keep = [i for i in m.graph.initializer if i.name not in removed]
    del m.graph.initializer[:]
    m.graph.initializer.extend(keep)
    return m


def weightless_graph(g, onnx_model, finder, state, used, specs, out_dir, log):
    """Writes graph g without its weights; returns its table entry and its manifest entry and
    records the checkpoint tensors it uses in `used`."""
    from onnx import numpy_helper

    entries, removed, kept = [], set(), 0
    for init in onnx_model.graph.initializer:
        arr = numpy_helper.to_array(init)
        parts = finder.parts(arr) if arr.dtype == np.float32 else None
        if parts is None:
            kept += 1
            continue
        entries.append({"name": init.name, "shape": [int(d) for d in init.dims], "parts": parts})
        removed.add(init.name)
        for p in parts:
            used[p["key"]] = list(state[p["key"]].shape)
    weightless = structure_bytes(onnx_model, removed)
    path = os.path.join(out_dir, g + ".onnx")
    with open(path, "wb") as f:
        f.write(weightless.SerializeToString())
    kinds = {}
    for e in entries:
        kind = "concat" if len(e["parts"]) > 1 else ("permuted" if e["parts"][0]["perm"] else "copy")
        kinds[kind] = kinds.get(kind, 0) + 1
    log(f"{g}: {len(entries)} weight initializers {kinds}, {kept} constants kept, "
        f"{os.path.getsize(path) / 1e3:.0f} kB without weights")
    return ({"file": g + ".onnx", "initializers": entries},
            {"file": g + ".onnx", "sha256": None,
             "inputs": [{"name": n, "shape": s, "dtype": "float32"} for n, s in specs[g][0]],
             "outputs": [{"name": n, "shape": s, "dtype": "float32"} for n, s in specs[g][1]]})


def add_mask_prompt(config, out_dir, seed=0, self_check=True, log=print):
    """Adds the optional mask_prompt graph (weightless) and its rows to an existing
    <out_dir>/conversion.json made for the same config; the four graphs are not touched."""
    path = os.path.join(out_dir, "conversion.json")
    with open(path) as f:
        table = json.load(f)
    model = randomize(E.load_model(config, None, True, seed), seed)
    if not E.has_mask_prompt_path(model):
        raise SystemExit(f"{config} has no mask-prompt path to add")
    state = float_state(model)
    work = tempfile.mkdtemp(prefix="weightless-mp-")
    try:
        z, specs, models = export_all(model, work, 0, log, ["mask_prompt"])
        used = {k: v for k, v in table["checkpoint"].items()}
        t, m = weightless_graph("mask_prompt", models["mask_prompt"], Finder(state), state, used, specs, out_dir, log)
        table["graphs"]["mask_prompt"] = t
        table["manifest"]["graphs"]["mask_prompt"] = m
        table["checkpoint"] = {k: used[k] for k in state if k in used}
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(table, f, indent=1)
            f.write("\n")
        os.replace(tmp, path)
        if self_check:
            check_table(config, out_dir, table, seed + 1, 0, log, graphs=["mask_prompt"])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return table


def write_weightless(config, out_dir, name, seed=0, attention_tile=-1, self_check=True, log=print):
    """Writes <out_dir>/{image_encoder,...}.onnx without weights (and mask_prompt.onnx where the
    configuration has that path) and conversion.json."""

    model = randomize(E.load_model(config, None, True, seed), seed)
    E.check_supported(model)
    if attention_tile < 0:
        attention_tile = E.auto_attention_tile(model)
    state = float_state(model)
    finder = Finder(state)
    work = tempfile.mkdtemp(prefix="weightless-")
    try:
        z, specs, models = export_all(model, work, attention_tile, log,
                                      list(GRAPHS) + (["mask_prompt"] if E.has_mask_prompt_path(model) else []))
        attention = E.attention_label(attention_tile, z["h"] * z["w"])
        os.makedirs(out_dir, exist_ok=True)
        table_graphs, used, graphs = {}, {}, {}
        names = list(GRAPHS) + (["mask_prompt"] if E.has_mask_prompt_path(model) else [])
        for g in names:
            table_graphs[g], graphs[g] = weightless_graph(g, models[g], finder, state, used, specs, out_dir, log)
        host = {}
        for hname, packed in E.host_tensors(model).items():
            arr = np.array(packed["data"], dtype=np.float32).reshape(packed["shape"])
            parts = finder.parts(arr)
            if parts is None:
                raise SystemExit(f"host tensor {hname} is not made of checkpoint tensors")
            host[hname] = {"shape": packed["shape"], "parts": parts}
            for p in parts:
                used[p["key"]] = list(state[p["key"]].shape)
        order = [k for k in state if k in used]
        manifest = E.build_manifest(model, z, name, config, "{checkpoint}", graphs, None, attention)
        manifest["exported"]["weightless"] = True
        table = {
            "format": TABLE_FORMAT,
            "name": name,
            "config": config,
            "checkpoint": {k: used[k] for k in order},
            "graphs": table_graphs,
            "host_tensors": host,
            "manifest": manifest,
        }
        with open(os.path.join(out_dir, "conversion.json"), "w") as f:
            json.dump(table, f, indent=1)
            f.write("\n")
        log(f"checkpoint tensors used: {len(order)}")
        if self_check:
            check_table(config, out_dir, table, seed + 1, attention_tile, log)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return table


def check_table(config, out_dir, table, seed, attention_tile, log, graphs=GRAPHS):
    """Builds the model with other random weights, exports it in full and checks that the
    weightless graphs + the table applied to those weights are that export exactly (`graphs`:
    a subset to check, e.g. when the others are byte-identical to an already checked size's)."""
    import onnx
    from onnx import numpy_helper

    model = randomize(E.load_model(config, None, True, seed), seed)
    state = float_state(model)
    work = tempfile.mkdtemp(prefix="weightless-check-")
    try:
        _, _, models = export_all(model, work, attention_tile, log, graphs)
        graphs = list(graphs) + (["mask_prompt"] if graphs == GRAPHS and "mask_prompt" in table["graphs"] else [])
        if "mask_prompt" in graphs and "mask_prompt" not in models:
            models.update(export_all(model, work, attention_tile, log, ["mask_prompt"])[2])
        for g in graphs:
            full = models[g]
            entries = table["graphs"][g]["initializers"]
            names = {e["name"] for e in entries}
            weightless = onnx.load(os.path.join(out_dir, g + ".onnx"))
            if structure_bytes(full, names).SerializeToString() != weightless.SerializeToString():
                raise SystemExit(f"self-check: {g} exported with other weights has another structure")
            by_name = {i.name: numpy_helper.to_array(i) for i in full.graph.initializer}
            for e in entries:
                want = by_name.get(e["name"])
                got = apply_parts(state, e["parts"], e["shape"])
                if want is None or want.shape != got.shape or not np.array_equal(want, got):
                    raise SystemExit(f"self-check: {g} initializer {e['name']} is not rebuilt by the table")
        for hname, packed in E.host_tensors(model).items():
            want = np.array(packed["data"], dtype=np.float32).reshape(packed["shape"])
            got = apply_parts(state, table["host_tensors"][hname]["parts"], packed["shape"])
            if not np.array_equal(want, got):
                raise SystemExit(f"self-check: host tensor {hname} is not rebuilt by the table")
        log(f"self-check passed: weights of seed {seed} through the table equal their full export")
    finally:
        shutil.rmtree(work, ignore_errors=True)
