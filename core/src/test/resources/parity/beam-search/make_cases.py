"""Makes the beam-search parity cases in this folder with transformers 5.18 (the oracle).

Usage (from the repository root, ../shared beside it; the venv from ../shared/anchors/setup.sh):
    ../shared/anchors/setup.sh /tmp/venv && /tmp/venv/bin/python core/src/test/resources/parity/beam-search/make_cases.py

Two folders, each a cases.json in the format of ../shared/fixtures/git-tiny-random (read by ParityRunner) with the
pixel values it names:
- git-tiny-shapes/: the trained tiny model on its own samples, where beams really end at [SEP];
- git-tiny-random/: the random-weight model whose greedy runners-up are made end tokens, so hypotheses finish at many
  lengths with close scores and length_penalty and early_stopping decide which one wins (the trained model is too sure
  of itself for that: its outputs do not change with the settings).
Settings: length_penalty 0.6 / 1.0 / 2.0 crossed with early_stopping False / True / "never", 3 beams.
"""
import json
import pathlib
import sys

import numpy as np
import torch
import transformers
from PIL import Image
from safetensors.torch import load_file
from transformers import AutoImageProcessor, GitForCausalLM, PreTrainedTokenizerFast

HERE = pathlib.Path(__file__).resolve().parent
SHARED = HERE.parents[5].parent / "shared"
SETTINGS = [(lp, early) for lp in (0.6, 1.0, 2.0) for early in (False, True, "never")]
BEAMS = 3


def main():
    torch.manual_seed(0)
    shapes(SHARED / "models" / "git-tiny-shapes", HERE / "git-tiny-shapes")
    random_model(SHARED / "fixtures" / "git-tiny-random", HERE / "git-tiny-random")


def shapes(model_dir, out):
    model = load(model_dir)
    processor = AutoImageProcessor.from_pretrained(model_dir)
    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(model_dir / "tokenizer.json"))
    bos = model.generation_config.bos_token_id
    samples = model_dir / "samples"
    images = np.stack([pixels(processor, samples / "image0_f0.png"), pixels(processor, samples / "image3_f0.png")])
    video = np.stack([pixels(processor, samples / f"clip1_f{f}.png") for f in range(6)])[None]
    question = "what shape is it?"
    q_ids = [bos] + tokenizer(question, add_special_tokens=False)["input_ids"]
    cases = {}
    for lp, early in SETTINGS:
        tag = setting_tag(lp, early)
        cases[f"image0_{tag}"] = case(model, "pixel_values_image.npy[0:1]", images[0:1], [[bos]], lp, early, 12)
        cases[f"image3_{tag}"] = case(model, "pixel_values_image.npy[1:2]", images[1:2], [[bos]], lp, early, 12)
        cases[f"video_{tag}"] = case(model, "pixel_values_video.npy", video, [[bos]], lp, early, 12)
        cases[f"vqa_{tag}"] = case(model, "pixel_values_image.npy[0:1]", images[0:1], [q_ids], lp, early, 6, question)
    write(out, cases, "git-tiny-shapes (../shared/models/git-tiny-shapes)", images, video)


def random_model(model_dir, out):
    model = load(model_dir)
    images = np.load(model_dir / "pixel_values_image.npy")
    video = np.load(model_dir / "pixel_values_video.npy")
    bos = model.generation_config.bos_token_id
    inputs = {f"image{i}": (f"pixel_values_image.npy[{i}:{i + 1}]", images[i:i + 1]) for i in range(images.shape[0])}
    inputs["video"] = ("pixel_values_video.npy", video)
    cases = {}
    for name, (spec, values) in inputs.items():
        eos = runner_up_ends(model, values, bos)
        for lp, early in SETTINGS:
            cases[f"{name}_runner_up_ends_{setting_tag(lp, early)}"] = case(model, spec, values, [[bos]], lp, early,
                                                                            10, eos=eos)
    write(out, cases, "git-tiny-random (../shared/fixtures/git-tiny-random) with the runners-up as end tokens",
          images, video)


def runner_up_ends(model, pixel_values, bos):
    """[SEP] plus the tokens ranked 2nd to 4th at each greedy step: beams end at many lengths with close scores."""
    with torch.no_grad():
        g = model.generate(pixel_values=torch.from_numpy(np.ascontiguousarray(pixel_values)),
                           input_ids=torch.tensor([[bos]]), max_new_tokens=10, num_beams=1, do_sample=False,
                           output_scores=True, return_dict_in_generate=True)
    ends = set()
    for scores in g.scores:
        ends.update(torch.topk(scores[0], 4).indices.tolist()[1:])
    return [model.generation_config.eos_token_id] + sorted(ends - {model.generation_config.eos_token_id})


def load(model_dir):
    model = GitForCausalLM.from_pretrained(model_dir).eval()
    # The checkpoints spell the temporal embeddings "temperal" (as git-base-vatex does); transformers 5 expects
    # "temporal" and would leave them random, so copy them in.
    weights = load_file(model_dir / "model.safetensors")
    with torch.no_grad():
        for i, param in enumerate(model.git.img_temporal_embedding):
            param.copy_(weights[f"git.img_temperal_embedding.{i}"])
    return model


def setting_tag(lp, early):
    return f"beam{BEAMS}_lp{str(lp).replace('.', '_')}_early_{str(early).lower()}"


def pixels(processor, path):
    values = np.asarray(processor(Image.open(path).convert("RGB"), return_tensors="np")["pixel_values"])
    return values.reshape(-1, *values.shape[-3:])[0]  # VideoMAE's processor may add a frames axis


def case(model, spec, pixel_values, input_ids, lp, early, max_new, question=None, eos=None):
    kwargs = {"max_new_tokens": max_new, "num_beams": BEAMS, "length_penalty": lp, "early_stopping": early,
              "do_sample": False}
    if eos:
        kwargs["eos_token_id"] = eos
    with torch.no_grad():
        out = model.generate(pixel_values=torch.from_numpy(np.ascontiguousarray(pixel_values)),
                             input_ids=torch.tensor(input_ids), **kwargs)
    c = {"pixel_values": spec, "input_ids": input_ids, "kwargs": kwargs, "output_ids": out.tolist()}
    if question:
        c["question"] = question
    return c


def write(out, cases, model, images, video):
    out.mkdir(exist_ok=True)
    np.save(out / "pixel_values_image.npy", images.astype("<f4"))
    np.save(out / "pixel_values_video.npy", video.astype("<f4"))
    root = {"note": f"beam search on {model}, made by ../make_cases.py with transformers {transformers.__version__},"
                    f" torch {torch.__version__}",
            "cases": cases}
    (out / "cases.json").write_text(json.dumps(root, indent=1) + "\n")
    distinct = {}
    for name, c in cases.items():
        distinct.setdefault(name.split("_beam")[0], set()).add(json.dumps(c["output_ids"]))
    print(out.name, len(cases), "cases; distinct outputs per input across the settings:",
          {k: len(v) for k, v in distinct.items()}, file=sys.stderr)


if __name__ == "__main__":
    main()
