"""Writes torch_ops.pt, the TorchScript module with the few operations GitModel cannot express through DJL's API.

- bfloat16 casts and buffers: DJL 0.36's PyTorch JNI has no bfloat16 dtype code (any DJL call given
  DataType.BFLOAT16 aborts the JVM), but a tensor made bfloat16 inside TorchScript is fine and every DJL operation
  that passes no dtype works on it.
- linear: a bfloat16 Linear in one call: (W x^T)^T over a few rows (decode steps), else one flattened product with
  the bias added inside it.
- attention: torch's fused scaled_dot_product_attention (its CPU flash kernel: blocked, softmax accumulated in float32,
  no [N, N] score tensor), which DJL does not expose. In bfloat16 its products use the CPU's bfloat16 instructions.
- clip_layer and image_layer: a vision layer and a decoder layer over the image tokens, each in one call (see
  clip_layer); float32 and bfloat16 models (a float16 model widens its weights per pass in Java).
- decoder_step: one decoder layer over a decode step's few text tokens (GitLayer.step). Through DJL the step is about
  50 calls a layer, each a JNI crossing plus a Java array object; a decode step's own arithmetic is small enough that
  those calls cost as much as the products.

Run with the Python environment of ../shared/anchors/setup.sh (torch 2.13 CPU), from the repository root:
    python core/src/main/python/make_torch_ops.py
The build and the tests only read the committed .pt file (core resource io/gitplatform/core/model/torch_ops.pt); they
never need Python.
"""
import pathlib
from typing import List

import torch
import torch.nn.functional as F

# bfloat16 products over at most this many rows run as (W x^T)^T: libtorch 2.7.1's x W^T kernel for few bfloat16 rows
# is no faster than float32, one pass over W is 1.5-2x faster (measured, 1 thread: [2, 768] x [768, 30522] 8.0 -> 3.7
# ms, [40, 768] x [768, 3072] 0.66 -> 0.38 ms; they cross near 150-200 rows).
FEW_ROWS = 128


class TorchOps(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.few_rows = FEW_ROWS

    def forward(self, x: torch.Tensor, to_bf16: bool) -> torch.Tensor:
        """x as bfloat16 (to_bf16) or as float32."""
        if to_bf16:
            return x.to(torch.bfloat16)
        return x.to(torch.float32)

    @torch.jit.export
    def empty_bf16(self, like: torch.Tensor, numel: int) -> torch.Tensor:
        """An uninitialised bfloat16 [numel] on like's device, for a load to fill chunk by chunk (DJL cannot create
        one)."""
        return torch.empty([numel], dtype=torch.bfloat16, device=like.device)

    @torch.jit.export
    def copy_into(self, dst: torch.Tensor, offset: int, src: torch.Tensor) -> int:
        """Writes src, converted to dst's type, into flat dst from offset on; returns the next offset."""
        n = src.numel()
        dst.narrow(0, offset, n).copy_(src.reshape(-1))
        return offset + n

    @torch.jit.export
    def is_bf16(self, x: torch.Tensor) -> bool:
        """Whether x holds bfloat16 (DJL reads such a tensor's type as 'unknown')."""
        return x.dtype == torch.bfloat16

    @torch.jit.export
    def contiguous_float32(self, x: torch.Tensor) -> torch.Tensor:
        """A contiguous float32 copy of x (DJL's copies keep x's strides)."""
        return x.to(torch.float32, memory_format=torch.contiguous_format, copy=True)

    def few_rows_linear(self, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        """x [.., in] (any float type) times bfloat16 w [out, in] plus b: bfloat16 [.., out], computed as (W x^T)^T.

        For a few rows torch's bfloat16 x W^T kernel is no faster than float32; one pass over W is, and a single row is
        padded to two because the matrix-vector kernel is as slow."""
        flat = x.reshape(-1, x.size(-1)).to(torch.bfloat16)
        rows = flat.size(0)
        if rows == 1:
            flat = torch.cat([flat, flat], 0)
        y = torch.mm(w, flat.t()).t()[:rows] + b
        shape = list(x.shape)
        shape[-1] = w.size(0)
        return y.reshape(shape)

    @torch.jit.export
    def linear(self, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        """x [.., in] times w [out, in] plus b: in bfloat16 when w is (Linear.forward's bfloat16 path), else in x's
        type. Many rows are flattened to one [rows, in] product so the bias is added inside it (torch's linear on 3-D
        input multiplies, then adds the bias in a second pass)."""
        if w.dtype == torch.bfloat16:
            rows = x.numel() // x.size(-1)
            if rows <= self.few_rows:
                return self.few_rows_linear(x, w, b)
            shape = list(x.shape)
            shape[-1] = w.size(0)
            return F.linear(x.reshape(-1, x.size(-1)).to(torch.bfloat16), w, b).reshape(shape)
        return F.linear(x, w.to(x.dtype), b.to(x.dtype))

    def layer_norm(self, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor, eps: float) -> torch.Tensor:
        """As LayerNorm.forward: in x's type, or float32 for bfloat16 x."""
        if x.dtype == torch.bfloat16:
            x = x.to(torch.float32)
        return F.layer_norm(x, [x.size(-1)], w.to(x.dtype), b.to(x.dtype), eps)

    def shared(self, x: torch.Tensor, image: torch.Tensor) -> torch.Tensor:
        """x [B, heads, T, k] times image [P, heads, k, m]; with one image for B > 1 rows, the rows become query
        positions (matmul would broadcast by copying the image tensor B times)."""
        b = x.size(0)
        if b == 1 or image.size(0) != 1:
            return torch.matmul(x, image)
        heads = x.size(1)
        t = x.size(2)
        folded = x.transpose(0, 1).reshape(1, heads, b * t, x.size(3))  # [1, heads, B*T, k]
        return torch.matmul(folded, image).reshape(heads, b, t, image.size(3)).transpose(0, 1)  # [B, heads, T, m]

    @torch.jit.export
    def decoder_step(self, h: torch.Tensor, weights: List[torch.Tensor], eps: float, heads: int, act: str,
                     image_keys_t: torch.Tensor, image_values: torch.Tensor, cache_keys_t: torch.Tensor,
                     cache_values: torch.Tensor, filled: int, mask: torch.Tensor, masked: bool) -> torch.Tensor:
        """One decoder layer (GitLayer.step) for text tokens h [B, T, hidden]: h's next value, same shape and type.

        weights: the fused query-key-value map (query rows pre-scaled), the attention output map, its LayerNorm, the
        intermediate map, the output map and its LayerNorm, each as weight then bias. Image keys [P, heads, d, N] and
        values [P, heads, N, d]; the cache buffers [B, heads, d, cap] and [B, heads, cap, d] hold `filled` positions
        and receive the T new ones in place. mask [B, 1, T, filled + T] is additive (used when `masked`). Attention
        runs in float32 (Precision.ATTENTION)."""
        b = h.size(0)
        t = h.size(1)
        hidden = h.size(2)
        d = hidden // heads
        qkv = self.linear(h, weights[0], weights[1]).to(torch.float32)
        parts = qkv.reshape(b, t, 3, heads, d).permute(2, 0, 3, 1, 4)  # [3, B, heads, T, d]
        q = parts[0]
        end = filled + t
        cache_keys_t[:, :, :, filled:end] = parts[1].transpose(2, 3)
        cache_values[:, :, filled:end, :] = parts[2]
        image_scores = self.shared(q, image_keys_t)  # [B, heads, T, N]
        text_scores = torch.matmul(q, cache_keys_t[:, :, :, :end])  # [B, heads, T, S+T]
        if masked:
            text_scores = text_scores + mask
        n = image_scores.size(3)
        probs = torch.cat([image_scores, text_scores], 3).softmax(-1)  # [B, heads, T, N+S+T]
        context = self.shared(probs[:, :, :, :n], image_values) + torch.matmul(
            probs[:, :, :, n:], cache_values[:, :, :end, :])  # [B, heads, T, d]
        merged = context.transpose(1, 2).reshape(b, t, hidden).to(h.dtype)
        attended = self.layer_norm(self.linear(merged, weights[2], weights[3]) + h, weights[4], weights[5], eps)
        inner = self.activate(self.linear(attended, weights[6], weights[7]), act)
        out = self.linear(inner, weights[8], weights[9]) + attended
        return self.layer_norm(out, weights[10], weights[11], eps)

    def activate(self, x: torch.Tensor, act: str) -> torch.Tensor:
        """The activation named in the config, overwriting x where it can (x is a fresh product)."""
        if act == "gelu":
            return F.gelu(x)
        if act == "silu":  # a bfloat16 model's quick_gelu, its 1.702 folded into the maps around it
            return F.silu(x, inplace=True)
        return x * torch.sigmoid(1.702 * x)  # quick_gelu

    @torch.jit.export
    def clip_layer(self, x: torch.Tensor, weights: List[torch.Tensor], eps: float, heads: int,
                   act: str) -> torch.Tensor:
        """One vision encoder layer (ClipEncoderLayer) of a float32 or bfloat16 model for x [F, N, hidden] float32:
        its next value. weights: layer_norm1, the fused query-key-value map (query rows pre-scaled), out_proj,
        layer_norm2, fc1 and fc2, each as weight then bias. The stream and the norms stay float32; a bfloat16 model's
        products and attention run in bfloat16. One call instead of ~15 DJL calls, and intermediates overwritten in
        place: each fresh [F, N, 3072] tensor costs page faults."""
        f = x.size(0)
        n = x.size(1)
        hidden = x.size(2)
        d = hidden // heads
        y = F.layer_norm(x, [hidden], weights[0], weights[1], eps)
        parts = self.linear(y, weights[2], weights[3]).view(f, n, 3, heads, d).permute(2, 0, 3, 1, 4)
        if parts.dtype == torch.bfloat16:
            context = F.scaled_dot_product_attention(parts[0], parts[1], parts[2], scale=1.0)  # [F, heads, N, d]
        else:  # over a frame's 197 tokens MKL's batched matmuls beat the fused kernel in float32 (148 vs 182 ms)
            context = torch.matmul(torch.matmul(parts[0], parts[1].transpose(2, 3)).softmax(-1), parts[2])
        x = x + self.linear(context.transpose(1, 2).reshape(f, n, hidden), weights[4], weights[5])
        y = F.layer_norm(x, [hidden], weights[6], weights[7], eps)
        inner = self.activate(self.linear(y, weights[8], weights[9]), act)
        return x.add_(self.linear(inner, weights[10], weights[11]))

    @torch.jit.export
    def image_layer(self, x: torch.Tensor, weights: List[torch.Tensor], eps: float, heads: int, act: str,
                    last: bool) -> List[torch.Tensor]:
        """One decoder layer of a float32 or bfloat16 model over image tokens x [P, N, hidden] float32
        (GitLayer.image): image tokens attend to image tokens only. Returns the keys [P, heads, d, N] and values
        [P, heads, N, d], contiguous float32 (Precision.ATTENTION), then the layer output; the last layer (`last`)
        returns keys and values only, as nothing reads its output. weights as in decoder_step."""
        p = x.size(0)
        n = x.size(1)
        hidden = x.size(2)
        d = hidden // heads
        if last:  # the key and value rows of the fused map
            kv = self.linear(x, weights[0][hidden:], weights[1][hidden:]).view(p, n, 2, heads, d).permute(2, 0, 3, 1, 4)
            return [self.contiguous_float32(kv[0].transpose(2, 3)), self.contiguous_float32(kv[1])]
        parts = self.linear(x, weights[0], weights[1]).view(p, n, 3, heads, d).permute(2, 0, 3, 1, 4)
        keys_t = self.contiguous_float32(parts[1].transpose(2, 3))
        values = self.contiguous_float32(parts[2])
        context = F.scaled_dot_product_attention(parts[0], parts[1], parts[2], scale=1.0)  # [P, heads, N, d]
        attended = F.layer_norm(x + self.linear(context.transpose(1, 2).reshape(p, n, hidden), weights[2], weights[3]),
                                [hidden], weights[4], weights[5], eps)
        inner = self.activate(self.linear(attended, weights[6], weights[7]), act)
        out = attended.add_(self.linear(inner, weights[8], weights[9]))
        return [keys_t, values, F.layer_norm(out, [hidden], weights[10], weights[11], eps)]

    @torch.jit.export
    def attention(self, q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
        """softmax(q k^T) v, unmasked, for q [.., N, d] already scaled, k and v [.., M, d]: [.., N, d] in q's type."""
        return F.scaled_dot_product_attention(q, k, v, scale=1.0)


out = pathlib.Path(__file__).resolve().parents[1] / "resources/io/gitplatform/core/model/torch_ops.pt"
torch.jit.script(TorchOps()).save(str(out))
print(f"wrote {out} ({out.stat().st_size} bytes) with torch {torch.__version__}")
