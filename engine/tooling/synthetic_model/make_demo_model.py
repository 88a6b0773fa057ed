"""Writes the bundled synthetic demo/test model `sam2long-demo` (format sam2long-model/1, see
docs/model-contract.md): four ONNX graphs, host_tensors.json and manifest.json.

A small hand-designed network (demo_net.py), not a trained one and not SAM 2. Deterministic: no
randomness at all, so regenerating gives byte-identical files.

    apt-get install python3-onnx python3-numpy
    /usr/bin/python3 engine/tooling/synthetic_model/make_demo_model.py [OUT_DIR]

OUT_DIR defaults to engine/core/src/main/resources/models/sam2long-demo.
"""
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import demo_net as dn  # noqa: E402

DEFAULT_OUT = os.path.abspath(os.path.join(HERE, "..", "..", "core", "src", "main", "resources", "models", "sam2long-demo"))
ORDER = ["image_encoder", "memory_attention", "mask_decoder", "memory_encoder"]


def sha256(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def spec(items):
    return [{"name": n, "shape": list(s), "dtype": "float32"} for n, s in items]


def write_json(path, obj, indent=None):
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(obj, fh, indent=indent)
        fh.write("\n")


def main():
    out = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    os.makedirs(out, exist_ok=True)
    graphs = {}
    for name in ORDER:
        model = dn.build_onnx(name)
        path = os.path.join(out, name + ".onnx")
        with open(path, "wb") as fh:
            fh.write(model.SerializeToString(deterministic=True))
        _, ins, outs = dn.GRAPHS[name]
        graphs[name] = {"file": name + ".onnx", "sha256": sha256(path), "inputs": spec(ins), "outputs": spec(outs)}
    host = dn.host_tensors()
    host_json = {k: {"shape": list(v.shape), "data": [float(x) for x in v.reshape(-1)]} for k, v in host.items()}
    hpath = os.path.join(out, "host_tensors.json")
    write_json(hpath, host_json)
    manifest = {
        "format": "sam2long-model/1",
        "name": "sam2long-demo",
        "description": "Small synthetic demo/test model made by this project: a hand-designed colour and "
                       "position network (kNN memory attention, colour-contrast decoder with region growing), "
                       "not SAM 2 and not trained; 256 px input, 16x16 grid.",
        "licence": "Apache-2.0",
        "image_size": dn.S,
        "image_mean": [float(x) for x in dn.IMAGE_MEAN.astype(float).round(3)],
        "image_std": [float(x) for x in dn.IMAGE_STD.astype(float).round(3)],
        "feature_grid": [dn.GRID, dn.GRID],
        "feature_channels": dn.D,
        "memory_channels": dn.MC,
        "high_res_channels": [dn.C0, dn.C1],
        "mask_size": dn.M,
        "num_maskmem": dn.NUM_MASKMEM,
        "max_obj_ptrs": dn.MAX_OBJ_PTRS,
        "sigmoid_scale": dn.SIGMOID_SCALE,
        "sigmoid_bias": dn.SIGMOID_BIAS,
        "binarize_mask_from_points": True,
        "multimask_stability_delta": 0.05,
        "multimask_stability_thresh": 0.98,
        "fill_hole_area": 8,
        "graphs": graphs,
        "host_tensors": {"file": "host_tensors.json", "sha256": sha256(hpath)},
    }
    write_json(os.path.join(out, "manifest.json"), manifest, indent=2)
    total = sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out))
    for f in sorted(os.listdir(out)):
        print(f"{os.path.getsize(os.path.join(out, f)):8d}  {f}")
    print(f"{total:8d}  total bytes in {out}")


if __name__ == "__main__":
    main()
