#!/usr/bin/env python3
"""Writes the seed corpus of the .bvit reader fuzzer (tests/fuzz/corpus/).

valid_*.bvit are small complete models the engine must load and run; invalid_*.bvit are files the
reader must reject with a BvitError. The replay test (fuzz_bvit_reader_replay) checks both, and
libFuzzer starts from them. Layout: core/runtime/format/bvit_file.h.
"""
import json
import os
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")


def fnv1a64(data, state=0xCBF29CE484222325):
    for b in data:
        state ^= b
        state = (state * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return state


def assemble(header, data, version=1):
    text = json.dumps(header, separators=(",", ":")).encode()
    while (32 + len(text)) % 64:
        text += b" "
    checksum = fnv1a64(data, fnv1a64(text))
    return b"BVIT" + struct.pack("<IQQQ", version, len(text), len(data), checksum) + text + data


class Tensors:
    def __init__(self):
        self.table, self.data = {}, bytearray()

    def add(self, name, dtype, shape, values):
        fmt = {"F32": "f", "I8": "b", "U64": "Q"}[dtype]
        raw = struct.pack("<%d%s" % (len(values), fmt), *values)
        while len(self.data) % 64:
            self.data.append(0)
        self.table[name] = {"dtype": dtype, "shape": shape, "offset": len(self.data), "bytes": len(raw)}
        self.data += raw
        return name


def tiny_model(rng, scope, gsb):
    """1 x 4 x 4 images, patch 2 (4 patches), class + distillation token (6 tokens), C 8,
    2 heads of 4 channels, one block, 2 classes."""
    t = Tensors()
    c, n, heads = 8, 6, 2
    f = lambda k, s=0.5: [rng.uniform(-s, s) for _ in range(k)]
    words = lambda rows, bits: [rng.getrandbits(bits) for _ in range(rows)]
    ops = [
        {"op": "patch_embed", "name": "patch_embed", "in": "images", "out": "patches",
         "in_channels": 1, "image_size": 4, "patch": 2,
         "weight": t.add("pe.w", "I8", [c, 4], [rng.randint(-128, 127) for _ in range(c * 4)]),
         "weight_step": t.add("pe.s", "F32", [c], [0.01] * c), "bias": t.add("pe.b", "F32", [c], f(c))},
        {"op": "tokens", "name": "tokens", "in": "patches", "out": "x",
         "prefix": t.add("prefix", "F32", [2, c], f(2 * c)), "pos_embed": t.add("pos", "F32", [n, c], f(n * c))},
        {"op": "layer_norm", "name": "norm1", "in": "x", "out": "h", "eps": 1e-12,
         "weight": t.add("n1.w", "F32", [c], [1.0] * c), "bias": t.add("n1.b", "F32", [c], f(c, 0.1))},
        {"op": "binary_linear", "name": "qkv", "in": "h", "out": "qkv", "input": "signed",
         "shift": t.add("qkv.shift", "F32", [c], f(c, 0.1)), "alpha": 0.8,
         "weight": t.add("qkv.w", "U64", [3 * c, 1], words(3 * c, c)),
         "scale": t.add("qkv.scale", "F32", [3 * c], [0.3] * (3 * c)), "bias": t.add("qkv.b", "F32", [3 * c], f(3 * c))},
        {"op": "attention", "name": "attn", "in": "qkv", "out": "ctx", "heads": heads, "mode": "binary",
         "query_shift": t.add("q.shift", "F32", [c], f(c, 0.1)), "key_shift": t.add("k.shift", "F32", [c], f(c, 0.1)),
         "value_shift": t.add("v.shift", "F32", [c], f(c, 0.1)), "query_alpha": 0.7, "key_alpha": 0.9,
         "attention_scales": [0.6, 0.2, 0.1] if gsb else [0.6], "attention_taus": [0.7, 0.9] if gsb else [],
         "value_scales": [0.5, 0.3, 0.2] if gsb else [0.5], "value_taus": [0.7, 0.9] if gsb else [],
         "scope": scope},
        {"op": "binary_linear", "name": "proj", "in": "ctx", "out": "h", "input": "signed",
         "shift": t.add("proj.shift", "F32", [c], f(c, 0.1)), "alpha": 0.5,
         "weight": t.add("proj.w", "U64", [c, 1], words(c, c)),
         "scale": t.add("proj.scale", "F32", [c], [0.2] * c), "bias": t.add("proj.b", "F32", [c], f(c))},
        {"op": "add", "name": "res1", "in": ["x", "h"], "out": "x"},
        {"op": "gelu", "name": "gelu", "in": "x", "out": "g", "clamp": 10.0},
        {"op": "binary_linear", "name": "fc2", "in": "g", "out": "h", "input": "unsigned",
         "shift": t.add("fc2.shift", "F32", [c], f(c, 0.1)), "alpha": 0.4,
         "weight": t.add("fc2.w", "U64", [c, 1], words(c, c)),
         "scale": t.add("fc2.scale", "F32", [c], [0.2] * c), "bias": t.add("fc2.b", "F32", [c], f(c))},
        {"op": "add", "name": "res2", "in": ["x", "h"], "out": "x"},
        {"op": "int8_linear", "name": "head", "in": "x", "out": "logits", "token": 0,
         "input_shift": t.add("head.shift", "F32", [c], f(c, 0.1)), "input_step": 0.05,
         "weight": t.add("head.w", "I8", [2, c], [rng.randint(-128, 127) for _ in range(2 * c)]),
         "weight_step": t.add("head.s", "F32", [2], [0.01, 0.02]), "bias": t.add("head.b", "F32", [2], f(2))},
        {"op": "linear", "name": "head_dist", "in": "x", "out": "logits_dist", "token": 1,
         "weight": t.add("hd.w", "F32", [2, c], f(2 * c)), "bias": t.add("hd.b", "F32", [2], f(2))},
        {"op": "mean", "name": "mean", "in": ["logits", "logits_dist"], "out": "output"},
    ]
    header = {"model": {"family": "deit", "variant": "gsb" if gsb else "baseline", "name": "corpus"},
              "classes": ["zero", "one"],
              "preprocessing": {"image_size": 4, "channels": 1, "mean": [0.5], "std": [0.25], "crop_fraction": 1.0},
              "graph": {"tokens": n, "embed_dim": c, "output": "output", "ops": ops},
              "tensors": t.table}
    return header, bytes(t.data)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(7)
    files = {}
    for scope in ("image", "row", "batch"):
        header, data = tiny_model(rng, scope, True)
        files["valid_gsb_%s.bvit" % scope] = assemble(header, data)
    header, data = tiny_model(rng, "image", False)
    good = assemble(header, data)
    files["valid_baseline.bvit"] = good
    files["invalid_truncated.bvit"] = good[: len(good) - 5]
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x20
    files["invalid_flipped_byte.bvit"] = bytes(flipped)
    files["invalid_version.bvit"] = assemble(header, data, version=2)
    bad = json.loads(json.dumps(header))
    bad["tensors"]["qkv.w"]["offset"] = 1 << 52
    files["invalid_offset.bvit"] = assemble(bad, data)
    bad = json.loads(json.dumps(header))
    bad["tensors"]["pos"]["shape"] = [1 << 40, 1 << 40]
    files["invalid_shape.bvit"] = assemble(bad, data)
    bad = json.loads(json.dumps(header))
    bad["graph"]["ops"][3]["weight"] = "proj.w"  # wrong shape for qkv
    files["invalid_graph_shape.bvit"] = assemble(bad, data)
    bad = json.loads(json.dumps(header))
    bad["graph"]["ops"][6]["in"] = ["x", "nowhere"]
    files["invalid_graph_buffer.bvit"] = assemble(bad, data)
    for name, content in files.items():
        with open(os.path.join(OUT, name), "wb") as out:
            out.write(content)


if __name__ == "__main__":
    main()
