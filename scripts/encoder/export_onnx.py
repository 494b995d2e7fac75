"""
Writes the sentence encoder as an ONNX model for onnxruntime (what the bot runs):

    python3 scripts/encoder/export_onnx.py [graph folder, default data/sentence-encoder] [out, default <folder>/model.onnx]

The graph folder (TensorFlow.js layout, float16 weights) stays the source: `fine_tune.py` reads
and writes it. This reads its weights into the plain layers of `onnx_model.py`, checks that they
give the graph's vectors (`graph.py`, op by op) on a few texts, and exports them with any batch
size and length. The weights stay float16 in the file, widened once when onnxruntime loads it.
Needs PyTorch (Debian: python3-torch).
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from graph import Graph  # noqa: E402
from onnx_model import Encoder  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def padded(token_lists):
    length = max(1, max(len(tokens) for tokens in token_lists))
    ids = torch.zeros(len(token_lists), length, dtype=torch.long)
    mask = torch.zeros(len(token_lists), length)
    for i, tokens in enumerate(token_lists):
        ids[i, : len(tokens)] = torch.tensor(tokens, dtype=torch.long)
        mask[i, : len(tokens)] = 1.0
    return ids, mask


@torch.no_grad()
def check(folder, encoder):
    """Largest difference from the graph's own vectors, on texts of 1 to 128 pieces."""
    graph = Graph(folder)
    generator = torch.Generator().manual_seed(1)
    token_lists = [torch.randint(0, 8002, (n,), generator=generator).tolist() for n in (1, 2, 5, 17, 40, 128)]
    expected = graph.embed(token_lists)
    return (encoder(*padded(token_lists)) - expected).abs().max().item()


def export(folder, out):
    """Writes the graph folder's model to `out` as ONNX, once its vectors are checked to be the graph's."""
    encoder = Encoder(folder).eval()
    difference = check(folder, encoder)
    print(f"  largest difference from the graph's vectors: {difference:.1e}", flush=True)
    if difference > 1e-5:
        sys.exit("the plain layers do not give the graph's vectors: not written")
    ids, mask = padded([[5, 6, 7], [8]])
    torch.onnx.export(
        encoder,
        (ids, mask),
        out,
        input_names=["ids", "mask"],
        output_names=["vectors"],
        dynamic_axes={"ids": {0: "batch", 1: "length"}, "mask": {0: "batch", 1: "length"}, "vectors": {0: "batch"}},
        opset_version=13,
        do_constant_folding=False,
    )
    print(f"  wrote {out} ({os.path.getsize(out) / 1e6:.1f} MB)", flush=True)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data", "sentence-encoder")
    export(folder, sys.argv[2] if len(sys.argv) > 2 else os.path.join(folder, "model.onnx"))


if __name__ == "__main__":
    main()
