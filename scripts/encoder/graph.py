"""
The Universal Sentence Encoder lite graph of data/sentence-encoder/ (a TensorFlow.js graph model)
run by PyTorch, op by op, with its float weights as trainable parameters: what
`fine_tune.py` trains. `save` writes the weights back in the same layout (float16), so the
product's TensorFlow.js runtime loads the trained model unchanged.
"""
import base64
import json
import os

import numpy as np
import torch

FLOAT, INT32, INT64, BOOL = 1, 3, 9, 10


def _attr(node, key, default=None):
    a = node.get("attr", {}).get(key)
    if a is None:
        return default
    if "i" in a:
        return int(a["i"])
    if "b" in a:
        return bool(a["b"])
    if "type" in a:
        return a["type"]
    if "list" in a:
        return [int(v) for v in a["list"].get("i", [])]
    if "s" in a:
        s = a["s"]
        return bytes(s).decode() if isinstance(s, list) else base64.b64decode(s).decode()
    return default


def _cast(t, dtype):
    if dtype == FLOAT:
        return t.float()
    if dtype == BOOL:
        return t.bool()
    return t.long()


class Graph(torch.nn.Module):
    def __init__(self, folder):
        super().__init__()
        self.folder = folder
        with open(os.path.join(folder, "model.json")) as f:
            self.spec = json.load(f)
        self.nodes = self.spec["modelTopology"]["node"]
        self.manifest = self.spec["weightsManifest"][0]["weights"]
        raw = open(os.path.join(folder, "weights.bin"), "rb").read()
        self.params = torch.nn.ParameterDict()
        # Parameters and buffers need names without dots: a weight's name maps to its key.
        self.keys = {}
        offset = 0
        for i, w in enumerate(self.manifest):
            count = int(np.prod(w["shape"])) if w["shape"] else 1
            q = w.get("quantization")
            if q and q["dtype"] == "float16":
                arr = np.frombuffer(raw, dtype=np.float16, count=count, offset=offset).astype(np.float32)
                offset += count * 2
            elif w["dtype"] == "float32":
                arr = np.frombuffer(raw, dtype=np.float32, count=count, offset=offset).copy()
                offset += count * 4
            else:
                arr = np.frombuffer(raw, dtype=np.int32, count=count, offset=offset).astype(np.int64)
                offset += count * 4
            t = torch.from_numpy(arr.reshape(w["shape"]))
            key = "w%d" % i
            self.keys[w["name"]] = key
            if w["dtype"] == "float32" and count > 16:
                self.params[key] = torch.nn.Parameter(t)
            else:
                self.register_buffer(key, t)
        self.order = [n for n in self.nodes if n["op"] not in ("Const", "Placeholder")]
        used = {i.split(":")[0].lstrip("^") for n in self.nodes for i in n.get("input", [])}
        self.output = [n["name"] for n in self.nodes if n["name"] not in used][-1]

    def value(self, env, name):
        name = name.lstrip("^")
        if name in env:
            found = env[name]
            return found[0] if isinstance(found, list) else found
        base, _, index = name.partition(":")
        if base in env:
            return env[base][int(index or 0)]
        key = self.keys[name]
        return self.params[key] if key in self.params else getattr(self, key)

    def embed(self, token_lists, device="cpu"):
        """Vectors of texts given as SentencePiece ids, as TensorFlow.js feeds the graph (sparse: each
        piece's [text, position] and its id); an empty text reads as piece 0."""
        idx, vals = [], []
        for i, tokens in enumerate(token_lists):
            tokens = tokens or [0]
            idx.extend([i, j] for j in range(len(tokens)))
            vals.extend(tokens)
        return self(torch.tensor(idx, device=device), torch.tensor(vals, device=device))

    def forward(self, indices, values):
        env = {"indices": indices, "values": values}
        for node in self.order:
            ins = [self.value(env, i) for i in node.get("input", []) if not i.startswith("^")]
            env[node["name"]] = self.run(node, ins)
        return env[self.output]

    def run(self, node, x):
        op = node["op"]
        if op in ("Add", "AddV2", "BiasAdd"):
            return x[0] + x[1]
        if op == "Sub":
            return x[0] - x[1]
        if op == "Mul":
            return x[0] * x[1]
        if op == "RealDiv":
            return x[0] / x[1]
        if op == "Maximum":
            return torch.maximum(x[0], x[1].to(x[0].dtype))
        if op == "Less":
            return x[0] < x[1]
        if op == "Greater":
            return x[0] > x[1]
        if op == "LogicalNot":
            return ~x[0]
        if op == "Square":
            return x[0] * x[0]
        if op == "Rsqrt":
            return torch.rsqrt(x[0])
        if op == "Sin":
            return torch.sin(x[0])
        if op == "Cos":
            return torch.cos(x[0])
        if op == "Tanh":
            return torch.tanh(x[0])
        if op == "Relu":
            return torch.relu(x[0])
        if op == "Softmax":
            return torch.softmax(x[0], dim=-1)
        if op == "Cast":
            return _cast(x[0], _attr(node, "DstT"))
        if op == "Shape":
            return torch.tensor(list(x[0].shape), dtype=torch.long, device=x[0].device)
        if op == "Where":
            return torch.nonzero(x[0])
        if op == "Reshape":
            return x[0].reshape([int(v) for v in x[1].reshape(-1).tolist()])
        if op == "ExpandDims":
            return x[0].unsqueeze(int(x[1].reshape(-1)[0]))
        if op == "Squeeze":
            dims = _attr(node, "squeeze_dims", [])
            out = x[0]
            for d in sorted([d % out.dim() for d in dims], reverse=True):
                out = out.squeeze(d)
            return out
        if op in ("Max", "Sum", "Mean", "Prod"):
            axes = [int(v) for v in x[1].reshape(-1).tolist()]
            keep = _attr(node, "keep_dims", False)
            out = x[0]
            for a in sorted([a % max(out.dim(), 1) for a in axes], reverse=True):
                if op == "Max":
                    out = out.max(dim=a, keepdim=keep).values
                elif op == "Sum":
                    out = out.sum(dim=a, keepdim=keep)
                elif op == "Mean":
                    out = out.float().mean(dim=a, keepdim=keep)
                else:
                    out = out.prod(dim=a, keepdim=keep)
            return out
        if op == "GatherV2":
            axis = int(x[2].reshape(-1)[0])
            return torch.index_select(x[0], axis, x[1].reshape(-1).long()).reshape(
                list(x[0].shape[:axis]) + list(x[1].shape) + list(x[0].shape[axis + 1 :])
            )
        if op == "GatherNd":
            idx = x[1].long()
            k = idx.shape[-1]
            return x[0][tuple(idx[..., j] for j in range(k))]
        if op == "ScatterNd":
            idx, updates, shape = x[0].long(), x[1], [int(v) for v in x[2].tolist()]
            out = torch.zeros(shape, dtype=updates.dtype, device=updates.device)
            k = idx.shape[-1]
            return out.index_put(tuple(idx[..., j] for j in range(k)), updates, accumulate=True)
        if op == "SparseToDense":
            idx, shape, vals, default = x[0].long(), [int(v) for v in x[1].reshape(-1).tolist()], x[2], x[3]
            out = torch.full(shape, int(default), dtype=vals.dtype, device=vals.device)
            out[tuple(idx[:, j] for j in range(idx.shape[1]))] = vals
            return out
        if op == "ConcatV2":
            axis = int(x[-1].reshape(-1)[0])
            parts = x[:-1]
            if parts[0].dim() == 0:
                parts = [p.reshape(1) for p in parts]
            return torch.cat(parts, dim=axis)
        if op == "Pack":
            axis = _attr(node, "axis", 0)
            return torch.stack([p.reshape(()) if p.numel() == 1 and p.dim() <= 1 else p for p in x], dim=axis)
        if op == "Transpose":
            return x[0].permute([int(v) for v in x[1].tolist()])
        if op == "MatMul":
            a, b = x[0], x[1]
            if _attr(node, "transpose_a", False):
                a = a.t()
            if _attr(node, "transpose_b", False):
                b = b.t()
            return a @ b
        if op == "BatchMatMul":
            a, b = x[0], x[1]
            if _attr(node, "adj_x", False):
                a = a.transpose(-1, -2)
            if _attr(node, "adj_y", False):
                b = b.transpose(-1, -2)
            return a @ b
        if op == "Conv2D":
            kernel = x[1]  # [h, w, in, out]
            assert kernel.shape[0] == 1 and kernel.shape[1] == 1, "only 1x1 convolutions"
            return torch.einsum("bhwi,io->bhwo", x[0], kernel[0, 0])
        if op == "SplitV":
            sizes = [int(v) for v in x[1].tolist()]
            axis = int(x[2].reshape(-1)[0])
            if -1 in sizes:
                sizes[sizes.index(-1)] = x[0].shape[axis] - (sum(sizes) + 1)
            return list(torch.split(x[0], sizes, dim=axis))
        if op == "Slice":
            begin = [int(v) for v in x[1].tolist()]
            size = [int(v) for v in x[2].tolist()]
            sl = tuple(slice(b, None if s == -1 else b + s) for b, s in zip(begin, size))
            return x[0][sl]
        if op == "Range":
            return torch.arange(int(x[0]), int(x[1]), int(x[2]), device=x[0].device)
        if op == "StridedSlice":
            return self.strided_slice(node, x)
        raise NotImplementedError(op)

    def strided_slice(self, node, x):
        t = x[0]
        begin, end, strides = (v.reshape(-1).tolist() for v in x[1:4])
        bm, em = _attr(node, "begin_mask", 0), _attr(node, "end_mask", 0)
        sm, nm, elm = _attr(node, "shrink_axis_mask", 0), _attr(node, "new_axis_mask", 0), _attr(node, "ellipsis_mask", 0)
        assert nm == 0 and elm == 0, "new axis / ellipsis masks"
        sl = []
        for i in range(len(begin)):
            if sm & (1 << i):
                sl.append(int(begin[i]))
                continue
            b = None if bm & (1 << i) else int(begin[i])
            e = None if em & (1 << i) else int(end[i])
            sl.append(slice(b, e, int(strides[i])))
        return t[tuple(sl)]

    def save(self, folder, weights_only=False):
        """Writes weights.bin (same order and quantisation as read) and, unless weights_only, model.json."""
        os.makedirs(folder, exist_ok=True)
        parts = []
        for i, w in enumerate(self.manifest):
            key = self.keys[w["name"]]
            t = (self.params[key] if key in self.params else getattr(self, key)).detach().cpu().numpy()
            q = w.get("quantization")
            if q and q["dtype"] == "float16":
                parts.append(t.astype(np.float16).tobytes())
            elif w["dtype"] == "float32":
                parts.append(t.astype(np.float32).tobytes())
            else:
                parts.append(t.astype(np.int32).tobytes())
        with open(os.path.join(folder, "weights.bin"), "wb") as f:
            f.write(b"".join(parts))
        if not weights_only:
            with open(os.path.join(folder, "model.json"), "w") as f:
                json.dump(self.spec, f, separators=(",", ":"))
