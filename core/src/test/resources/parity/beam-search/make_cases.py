"""Makes the beam-search parity cases in this folder with transformers (the oracle).

Usage (from the repository root; ../shared beside it):
    ../shared/anchors/setup.sh /tmp/venv && /tmp/venv/bin/python core/src/test/resources/parity/beam-search/make_cases.py

Model: git-tiny-shapes (trained, so beams really end at [SEP] and length_penalty / early_stopping change which
hypothesis wins). Writes cases.json (the format of ../shared/fixtures/git-tiny-random, read by ParityRunner) and the
pixel values it names.
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
MODEL = HERE.parents[5].parent / "shared" / "models" / "git-tiny-shapes"
SAMPLES = ["image0", "image3", "image5"]
VIDEO = "clip1"
# (length_penalty, early_stopping): the cases issue 15 asks for, beside transformers' defaults.
SETTINGS = [(0.6, False), (2.0, False), (1.0, True), (1.0, "never"), (0.6, "never"), (2.0, True)]
BEAMS = 3


def main():
    torch.manual_seed(0)
    model = GitForCausalLM.from_pretrained(MODEL).eval()
    # The checkpoint spells the temporal embeddings "temperal" (as git-base-vatex does); transformers 5 expects
    # "temporal" and would leave them random, so copy them in.
    weights = load_file(MODEL / "model.safetensors")
    with torch.no_grad():
        for i, param in enumerate(model.git.img_temporal_embedding):
            param.copy_(weights[f"git.img_temperal_embedding.{i}"])
    processor = AutoImageProcessor.from_pretrained(MODEL)
    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(MODEL / "tokenizer.json"))
    bos = model.generation_config.bos_token_id

    images = np.stack([pixels(processor, MODEL / "samples" / f"{s}_f0.png") for s in SAMPLES])
    # Blends of two samples and seeded noise: inputs the model is unsure about, where the settings pick different beams.
    rng = np.random.default_rng(15)
    blends = [(images[0] + images[1]) / 2, (images[1] + images[2]) / 2,
              rng.uniform(-1, 1, images[0].shape).astype(np.float32)]
    images = np.concatenate([images, np.stack(blends)])
    video = np.stack([pixels(processor, MODEL / "samples" / f"{VIDEO}_f{f}.png") for f in range(6)])[None]
    np.save(HERE / "pixel_values_image.npy", images.astype("<f4"))
    np.save(HERE / "pixel_values_video.npy", video.astype("<f4"))

    question = "what shape is it?"
    q_ids = [bos] + tokenizer(question, add_special_tokens=False)["input_ids"]
    cases = {}
    for lp, early in SETTINGS:
        tag = f"lp{str(lp).replace('.', '_')}_early_{str(early).lower()}"
        for i, sample in enumerate(SAMPLES + ["blend01", "blend12", "noise"]):
            cases[f"beam{BEAMS}_{sample}_{tag}"] = case(model, f"pixel_values_image.npy[{i}:{i + 1}]",
                                                        images[i:i + 1], [[bos]], lp, early, 12)
        # Shape words as extra end tokens: hypotheses end after 3 tokens or run on, so length_penalty and
        # early_stopping decide between lengths.
        for i, sample in enumerate(SAMPLES + ["blend01", "blend12", "noise"]):
            cases[f"beam{BEAMS}_{sample}_shape_ends_{tag}"] = case(
                model, f"pixel_values_image.npy[{i}:{i + 1}]", images[i:i + 1], [[bos]], lp, early, 8,
                eos=[model.generation_config.eos_token_id] + tokenizer.convert_tokens_to_ids(["circle", "square"]))
        cases[f"beam{BEAMS}_video_{tag}"] = case(model, "pixel_values_video.npy", video, [[bos]], lp, early, 12)
        cases[f"beam{BEAMS}_vqa_{tag}"] = case(model, "pixel_values_image.npy[0:1]", images[0:1], [q_ids], lp,
                                               early, 6, question)
    root = {"note": f"beam search on git-tiny-shapes, made by make_cases.py with transformers "
                    f"{transformers.__version__}, torch {torch.__version__}",
            "cases": cases}
    (HERE / "cases.json").write_text(json.dumps(root, indent=1) + "\n")
    distinct = {json.dumps(c["output_ids"]) for c in cases.values()}
    print(f"{len(cases)} cases, {len(distinct)} distinct outputs", file=sys.stderr)


def pixels(processor, path):
    values = np.asarray(processor(Image.open(path).convert("RGB"), return_tensors="np")["pixel_values"])
    return values.reshape(-1, *values.shape[-3:])[0]  # VideoMAE's processor may add a frames axis


def case(model, spec, pixel_values, input_ids, lp, early, max_new, question=None, eos=None):
    kwargs = {"max_new_tokens": max_new, "num_beams": BEAMS, "length_penalty": lp, "early_stopping": early,
              "do_sample": False}
    if eos:
        kwargs["eos_token_id"] = eos
    with torch.no_grad():
        out = model.generate(pixel_values=torch.from_numpy(pixel_values), input_ids=torch.tensor(input_ids),
                             **kwargs)
    c = {"pixel_values": spec, "input_ids": input_ids, "kwargs": kwargs, "output_ids": out.tolist()}
    if question:
        c["question"] = question
    return c


if __name__ == "__main__":
    main()
