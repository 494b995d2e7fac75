"""
The sentence encoder (Universal Sentence Encoder lite) as plain PyTorch layers, read from a
TensorFlow.js graph folder (data/sentence-encoder/): the same arithmetic as the graph that
`graph.py` runs op by op, written so that `torch.onnx.export` can trace it with any batch size and
length. `export_onnx.py` writes it as the ONNX model the bot runs.

Inputs: `ids` [batch, length] (SentencePiece ids, at most MAX_PIECES a text, padded with anything)
and `mask` [batch, length] (1.0 for a text's pieces, 0.0 for padding). Output: [batch, 512]
unit-length vectors.
"""
import torch

from graph import Graph

MAX_PIECES = 128
PREFIX = "module_apply_default/Encoder_en/KonaTransformer/"


class Encoder(torch.nn.Module):
    def __init__(self, folder):
        super().__init__()
        g = Graph(folder)

        def w(name):
            key = g.keys[name]
            return (g.params[key] if key in g.params else getattr(g, key)).detach().clone().float()

        def layer(n, adjust):
            enc = f"{PREFIX}Encode/Layer_{n}/TransformerLayer/"
            stack = f"{PREFIX}Encode/TransformerStack/Layer_{n}/TransformerLayer/"
            var = f"module/Encoder_en/KonaTransformer/Encode/Layer_{n}/TransformerLayer/"
            p = {
                "ln1_scale": w(enc + "layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat"),
                "ln1_bias": w(enc + "layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat"),
                "qkv": w(var + "MultiheadAttention/qkv_transform_single/kernel/part_0")[0, 0],
                "qkv_bias": w(enc + "MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat"),
                "out": w(var + "MultiheadAttention/output_transform_single/kernel/part_0")[0, 0],
                "out_bias": w(enc + "MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat"),
                "ln2_scale": w(enc + "FFN/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat"),
                "ln2_bias": w(enc + "FFN/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat"),
                "ffn1": w(stack + "FFN/conv1/Tensordot/Reshape_1"),
                "ffn1_bias": w(enc + "FFN/conv1/bias/ConcatPartitions/concat"),
                "ffn2": w(stack + "FFN/conv2/Tensordot/Reshape_1"),
                "ffn2_bias": w(enc + "FFN/conv2/bias/ConcatPartitions/concat"),
            }
            if adjust:
                p["adjust"] = w(enc + "dense/kernel/ConcatPartitions/concat")
                p["adjust_bias"] = w(enc + "dense/bias/ConcatPartitions/concat")
            depth = int(w(stack + "MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/3").item())
            p["scale"] = w(stack + "MultiheadAttention/mul/y")
            for k, v in p.items():
                self.store(f"l{n}_{k}", v)
            return {k: f"l{n}_{k}" for k in p}, depth

        self.store("embeddings", w("module/Embeddings_en"))
        self.store("inv_timescales", w(f"{PREFIX}Encode/TransformerStack/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1"))
        self.layer0, self.depth0 = layer(0, True)
        self.layer1, self.depth1 = layer(1, False)
        self.eps = float(w(f"{PREFIX}Encode/TransformerStack/Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x").item())
        self.store("hidden", w("module/Encoder_en/hidden_layers/tanh_layer_0/weights"))
        self.store("hidden_bias", w("module/Encoder_en/hidden_layers/tanh_layer_0/bias"))

    def store(self, name, tensor):
        """Large weights are kept as float16, as in the graph folder (exact: that is how they were saved)."""
        self.register_buffer(name, tensor.half() if tensor.numel() > 16 else tensor)

    def get(self, name):
        return getattr(self, name).float()

    def norm(self, x, scale, bias):
        mean = x.mean(-1, keepdim=True)
        centred = x - mean
        variance = (centred * centred).mean(-1, keepdim=True)
        return scale * torch.rsqrt(variance + self.eps) * centred + bias

    def block(self, x, names, depth, bias, keep):
        batch, length, _ = x.shape
        p = {k: self.get(v) for k, v in names.items()}
        h = self.norm(x, p["ln1_scale"], p["ln1_bias"])
        q, k, v = (h @ p["qkv"] + p["qkv_bias"]).chunk(3, dim=-1)
        heads = q.shape[-1] // depth

        def split(t):
            return t.reshape(batch, length, heads, depth).transpose(1, 2)

        logits = (split(q) * p["scale"]) @ split(k).transpose(-1, -2) + bias
        attended = (torch.softmax(logits, dim=-1) @ split(v)).transpose(1, 2).reshape(batch, length, heads * depth)
        residual = (x @ p["adjust"] + p["adjust_bias"]) * keep if "adjust" in p else x
        x = attended @ p["out"] + p["out_bias"] + residual
        h = self.norm(x, p["ln2_scale"], p["ln2_bias"])
        return x + (torch.relu(h @ p["ffn1"] + p["ffn1_bias"]) @ p["ffn2"] + p["ffn2_bias"]) * keep

    def forward(self, ids, mask):
        keep = mask.unsqueeze(-1)
        positions = torch.arange(ids.shape[1], dtype=torch.float32).unsqueeze(-1)
        angles = positions * self.get("inv_timescales")
        timing = torch.cat([torch.sin(angles), torch.cos(angles)], dim=-1)
        # As in the graph: the timing layer's output (pieces + timing) is added to the pieces again.
        x = (2.0 * self.get("embeddings")[ids] + timing.unsqueeze(0)) * keep
        bias = ((1.0 - mask) * -1e9).unsqueeze(1).unsqueeze(1)
        x = self.block(x, self.layer0, self.depth0, bias, keep)
        x = self.block(x, self.layer1, self.depth1, bias, keep)
        pooled = (x * keep).sum(1) / torch.clamp(mask.sum(1, keepdim=True), min=1.0)
        out = torch.tanh(pooled @ self.get("hidden") + self.get("hidden_bias"))
        return out * torch.rsqrt(torch.clamp((out * out).sum(-1, keepdim=True), min=1e-12))
