"""Writes torch_ops.pt, the TorchScript module with the few operations GitModel cannot express through DJL's API.

- bfloat16 casts: DJL 0.36's PyTorch JNI has no bfloat16 dtype code (any DJL call given DataType.BFLOAT16 aborts the
  JVM), but a tensor made bfloat16 inside TorchScript is fine and every DJL operation that passes no dtype works on it.
- few_rows_linear: a bfloat16 Linear over a few rows (decode steps) in one call instead of DJL's eight.
- attention: torch's fused scaled_dot_product_attention (its CPU flash kernel: blocked, softmax accumulated in float32,
  no [N, N] score tensor), which DJL does not expose. In bfloat16 its products use the CPU's bfloat16 instructions.

Run with the Python environment of ../shared/anchors/setup.sh (torch 2.13 CPU), from the repository root:
    python core/src/main/python/make_torch_ops.py
The build and the tests only read the committed .pt file (core resource io/gitplatform/core/model/torch_ops.pt); they
never need Python.
"""
import pathlib

import torch
import torch.nn.functional as F


class TorchOps(torch.nn.Module):
    def forward(self, x: torch.Tensor, to_bf16: bool) -> torch.Tensor:
        """x as bfloat16 (to_bf16) or as float32."""
        if to_bf16:
            return x.to(torch.bfloat16)
        return x.to(torch.float32)

    @torch.jit.export
    def is_bf16(self, x: torch.Tensor) -> bool:
        """Whether x holds bfloat16 (DJL reads such a tensor's type as 'unknown')."""
        return x.dtype == torch.bfloat16

    @torch.jit.export
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
    def attention(self, q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
        """softmax(q k^T) v, unmasked, for q [.., N, d] already scaled, k and v [.., M, d]: [.., N, d] in q's type."""
        return F.scaled_dot_product_attention(q, k, v, scale=1.0)


out = pathlib.Path(__file__).resolve().parents[1] / "resources/io/gitplatform/core/model/torch_ops.pt"
torch.jit.script(TorchOps()).save(str(out))
print(f"wrote {out} ({out.stat().st_size} bytes) with torch {torch.__version__}")
