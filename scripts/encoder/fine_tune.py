"""
Fits the sentence encoder (data/sentence-encoder/, Universal Sentence Encoder lite) to questions:
a question's vector is drawn towards the sentences that answer it and away from the first stage's
other candidates, the rest of its article and the other questions' answers (in-batch softmax).
Public data only, from `export-pairs.ts`. On one H200 GPU each fit takes about 90 s (PyTorch);
on this project's two CPU cores about 4 s a step, over an hour a fit (Debian's python3-torch needs
libopenblas0-pthread for that: with the reference BLAS it is ten times slower). Texts of like
length are embedded together, since the graph pads a batch to its longest text.

    npx tsx scripts/compact-sentence-encoder.ts                  # the base: .cache/sentence-encoder-base
    npx tsx scripts/encoder/export-pairs.ts .cache/encoder-pairs.json
    python3 scripts/encoder/fine_tune.py .cache/encoder-pairs.json

It fits one encoder per fold (each leaves out one half of the news pages and of SQuAD's public
articles), prints how often the encoder alone puts a right sentence of the held-out half first
among the first stage's ten and in its article, before and after, and writes it to
data/sentence-encoder-fold0 and -fold1: `npm run fit:answers` takes the answer model's cosines
from them, out of fold. Then it fits one on everything and writes data/sentence-encoder/, the
encoder the bot ships. Each is a TensorFlow.js graph model folder, the graph and vocabulary
unchanged, the weights float16 as in the base, with model.onnx beside them (`export_onnx.py`):
the model the bot runs. The fold encoders' model.onnx and vocab.json are committed (the graph
beside them is not), so `npm run fit:answers` runs on a fresh clone.
"""
import argparse
import json
import math
import os
import random
import shutil
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_onnx import export  # noqa: E402
from graph import Graph  # noqa: E402

NATURAL = ("news", "written", "seed", "squad-written")


def embed(model, token_lists, device, chunk=48):
    """Texts of like length embedded together: the graph pads a batch to its longest text, so on a
    CPU one long sentence would otherwise multiply the whole batch's cost. Vectors are the same."""
    order = sorted(range(len(token_lists)), key=lambda i: len(token_lists[i]))
    parts = [model.embed([token_lists[i] for i in order[at : at + chunk]], device) for at in range(0, len(order), chunk)]
    vectors = torch.cat(parts)
    inverse = torch.empty(len(order), dtype=torch.long, device=device)
    inverse[torch.tensor(order, device=device)] = torch.arange(len(order), device=device)
    return vectors[inverse]


@torch.no_grad()
def embed_all(model, token_lists, device, batch=512):
    out = []
    for at in range(0, len(token_lists), batch):
        out.append(embed(model, token_lists[at : at + batch], device))
    return torch.cat(out)


@torch.no_grad()
def score(model, data, fold, device):
    """Held-out hit@1 by cosine alone: among the first stage's ten (when a right one is there), in the article."""
    rows = [r for r in data["questions"] if r["pos"] and (fold is None or r["fold"] == fold)]
    needed = sorted({s for r in rows for s in r["cands"] + r["doc"]})
    column = {s: i for i, s in enumerate(needed)}
    vectors = embed_all(model, [data["sentences"][s] for s in needed], device)
    sims = (embed_all(model, [r["q"] for r in rows], device) @ vectors.t()).cpu()
    result = {}
    for set_name in ("news", "written", "seed", "squad", "squad-written"):
        cand_hits = cand_n = doc_hits = doc_n = 0
        for r, row in zip(rows, sims):
            if r["set"] != set_name:
                continue
            pos = set(r["pos"])
            if any(c in pos for c in r["cands"]):
                cand_hits += max(r["cands"], key=lambda c: float(row[column[c]])) in pos
                cand_n += 1
            if r["doc"]:
                doc_hits += max(r["doc"], key=lambda c: float(row[column[c]])) in pos
                doc_n += 1
        result[set_name] = (cand_hits / max(1, cand_n), cand_n, doc_hits / max(1, doc_n), doc_n)
    return result


def show(label, result):
    print(label + "  " + "  ".join(
        f"{k}: top10 {v[0]*100:.1f}% of {v[1]}, article {v[2]*100:.1f}% of {v[3]}" for k, v in result.items() if v[1] or v[3]
    ), flush=True)


def train(data, leave_out, args, device):
    model = Graph(args.model).to(device)
    rows = [r for r in data["questions"] if r["pos"] and not r["none"] and r["fold"] != leave_out]
    weights = [args.natural_weight if r["set"] in NATURAL else args.squad_weight for r in rows]
    params = [p for p in model.parameters()]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    rng = random.Random(leave_out if leave_out is not None else 7)
    started = time.time()
    for step in range(args.steps):
        lr = args.lr * min(1.0, (step + 1) / args.warmup) * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        for group in opt.param_groups:
            group["lr"] = lr
        batch = rng.choices(rows, weights=weights, k=args.batch)
        sentences, owners, positives = [], [], []
        for i, r in enumerate(batch):
            pos = set(r["pos"])
            positives.append(len(sentences))
            sentences.append(rng.choice(r["pos"]))
            owners.append(pos)
            pool = [c for c in r["cands"] if c not in pos]
            rest = [c for c in r["doc"] if c not in pos and c not in pool]
            negs = rng.sample(pool, min(len(pool), args.hard)) if pool else []
            if len(negs) < args.hard and rest:
                negs += rng.sample(rest, min(len(rest), args.hard - len(negs)))
            sentences.extend(negs)
        ids = sentences
        q = embed(model, [r["q"] for r in batch], device)
        s = embed(model, [data["sentences"][i] for i in ids], device)
        logits = args.scale * (q @ s.t())
        # Another question's sentence that also answers this one is not a negative.
        mask = torch.zeros_like(logits, dtype=torch.bool)
        for i, pos in enumerate(owners):
            for j, sid in enumerate(ids):
                if sid in pos and j != positives[i]:
                    mask[i, j] = True
        logits = logits.masked_fill(mask, -1e4)
        loss = torch.nn.functional.cross_entropy(logits, torch.tensor(positives, device=device))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        if step % 100 == 0 or step == args.steps - 1:
            print(f"  step {step} loss {loss.item():.3f} lr {lr:.2e} ({time.time() - started:.0f} s)", flush=True)
    return model


def main():
    p = argparse.ArgumentParser()
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    p.add_argument("pairs")
    p.add_argument("--model", default=os.path.join(root, ".cache", "sentence-encoder-base"), help="the base encoder")
    p.add_argument("--folds-out", default=os.path.join(root, "data"), help="where sentence-encoder-fold0/1 go")
    p.add_argument("--final", default=os.path.join(root, "data", "sentence-encoder"), help="where the one fitted on everything goes")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--hard", type=int, default=3)
    # 5e-5 after a try of 1.5e-4 (held-out news 45.1% first among the ten, against 50.4%).
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--warmup", type=int, default=100)
    p.add_argument("--scale", type=float, default=20.0)
    p.add_argument("--natural-weight", type=float, default=4.0)
    p.add_argument("--squad-weight", type=float, default=1.0)
    p.add_argument("--folds", default="0,1,all")
    p.add_argument("--no-save", action="store_true")
    p.add_argument("--weights-only", action="store_true", help="write weights.bin alone (the graph and vocabulary are the base's)")
    p.add_argument("--skip-before", action="store_true", help="do not score the base encoder first")
    args = p.parse_args()
    torch.manual_seed(1)
    torch.backends.cuda.matmul.allow_tf32 = False
    with open(args.pairs) as f:
        data = json.load(f)
    base = None if args.skip_before else Graph(args.model).to(args.device)
    print("settings", vars(args), flush=True)
    for fold in args.folds.split(","):
        leave_out = None if fold == "all" else int(fold)
        print(f"fold {fold}", flush=True)
        if leave_out is not None and base is not None:
            show("  before", score(base, data, leave_out, args.device))
        model = train(data, leave_out, args, args.device)
        if leave_out is not None:
            show("  after ", score(model, data, leave_out, args.device))
        if not args.no_save:
            out = args.final if leave_out is None else os.path.join(args.folds_out, f"sentence-encoder-fold{fold}")
            model.to("cpu").save(out, args.weights_only)
            if not args.weights_only:
                shutil.copyfile(os.path.join(args.model, "vocab.json"), os.path.join(out, "vocab.json"))
            # What the bot and `npm run fit:answers` run: the same weights as an ONNX model.
            export(out, os.path.join(out, "model.onnx"))
            print(f"  wrote {out}", flush=True)


if __name__ == "__main__":
    main()
