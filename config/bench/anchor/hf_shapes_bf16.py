"""transformers' float32 and bfloat16 greedy captions for the git-tiny-shapes samples, next to the float32 reference
the samples file holds: what Bfloat16PipelineTests compares our bfloat16 captions with. Run with the anchor's Python
(config/bench/anchor/setup.sh): python hf_shapes_bf16.py ../shared/models/git-tiny-shapes"""
import json, pathlib, sys
import numpy as np
import torch
from PIL import Image
from safetensors.torch import load_file
from transformers import GitConfig, GitForCausalLM, VideoMAEImageProcessor

folder = pathlib.Path(sys.argv[1])
config = GitConfig.from_pretrained(folder)
weights = load_file(folder / "model.safetensors")
# The file spells the temporal embeddings as git-base-vatex does ("temperal"); transformers 5 would leave them unset.
weights = {k.replace("img_temperal_embedding", "img_temporal_embedding"): v for k, v in weights.items()}
processor = VideoMAEImageProcessor.from_pretrained(folder)
vocab = json.load(open(folder / "tokenizer.json"))["model"]["vocab"]
words = {i: w for w, i in vocab.items()}
gen = json.load(open(folder / "generation_config.json"))
models = {}
for dtype in (torch.float32, torch.bfloat16):
    m = GitForCausalLM(config)
    missing, unexpected = m.load_state_dict(weights, strict=False)
    assert not [k for k in missing if "position_ids" not in k], missing
    models[dtype] = m.to(dtype).eval()
for s in json.load(open(folder / "samples.json")):
    frames = [Image.open(folder / "samples" / f"{s['name']}_f{i}.png").convert("RGB") for i in range(s["frames"])]
    pixels = torch.tensor(np.asarray(processor(frames, return_tensors="np")["pixel_values"])).reshape(-1, 3, 64, 64)
    if s["frames"] > 1:  # a video: [1, frames, C, H, W]; a still image stays [1, C, H, W]
        pixels = pixels.unsqueeze(0)
    out = {}
    for dtype, m in models.items():
        with torch.inference_mode():
            ids = m.generate(pixel_values=pixels.to(dtype), input_ids=torch.tensor([[gen["bos_token_id"]]]),
                             max_new_tokens=20, do_sample=False, num_beams=1)[0].tolist()
        out[str(dtype).split(".")[-1]] = " ".join(words[i] for i in ids if i not in (0, 2, 3))
    print(f"{s['name']}: reference '{s['reference_caption']}', transformers float32 '{out['float32']}', "
          f"bfloat16 '{out['bfloat16']}'", flush=True)
