"""Counts the float32 initializers of an ONNX file with a minimal protobuf wire-format reader
(no onnx package needed): ModelProto.graph (7) -> GraphProto.initializer (5) -> TensorProto dims (1),
data_type (2)."""


def _varint(b, i):
    r = s = 0
    while True:
        c = b[i]
        i += 1
        r |= (c & 0x7F) << s
        s += 7
        if c < 0x80:
            return r, i


def _fields(b, i, end):
    while i < end:
        key, i = _varint(b, i)
        f, w = key >> 3, key & 7
        if w == 0:
            v, i = _varint(b, i)
            yield f, w, v
        elif w == 1:
            yield f, w, None
            i += 8
        elif w == 5:
            yield f, w, None
            i += 4
        elif w == 2:
            n, i = _varint(b, i)
            yield f, w, (i, i + n)
            i += n
        else:
            raise ValueError(f"unsupported protobuf wire type {w}")


def float_params(path):
    """Number of float32 values held in the graph's initializers."""
    with open(path, "rb") as fh:
        b = fh.read()
    total = 0
    for f, _, v in _fields(b, 0, len(b)):
        if f != 7:
            continue
        for g, _, gv in _fields(b, *v):
            if g != 5:
                continue
            dims, dtype = [], 0
            for t, tw, tv in _fields(b, *gv):
                if t == 1 and tw == 0:
                    dims.append(tv)
                elif t == 1:
                    j = tv[0]
                    while j < tv[1]:
                        d, j = _varint(b, j)
                        dims.append(d)
                elif t == 2:
                    dtype = tv
            if dtype == 1:
                n = 1
                for d in dims:
                    n *= d
                total += n
    return total
