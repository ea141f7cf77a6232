"""Writes bf16_cast.pt, the TorchScript module GitModel uses to make bfloat16 tensors on the CPU.

DJL 0.36's PyTorch JNI has no bfloat16 dtype code: any DJL call given DataType.BFLOAT16 aborts the JVM. A tensor made
bfloat16 inside TorchScript is fine, and every DJL operation that passes no dtype works on it. So the engine never names
bfloat16 itself: it converts through this module (core resource io/gitplatform/core/model/bf16_cast.pt).

Run with the Python environment of ../shared/anchors/setup.sh (torch 2.13 CPU), from the repository root:
    python core/src/main/python/make_bf16_cast.py
The build and the tests only read the committed .pt file; they never need Python.
"""
import pathlib

import torch


class Bf16Cast(torch.nn.Module):
    def forward(self, x: torch.Tensor, to_bf16: bool) -> torch.Tensor:
        """x as bfloat16 (to_bf16) or as float32."""
        if to_bf16:
            return x.to(torch.bfloat16)
        return x.to(torch.float32)

    @torch.jit.export
    def is_bf16(self, x: torch.Tensor) -> bool:
        """Whether x holds bfloat16 (DJL reads such a tensor's type as 'unknown')."""
        return x.dtype == torch.bfloat16


out = pathlib.Path(__file__).resolve().parents[1] / "resources/io/gitplatform/core/model/bf16_cast.pt"
torch.jit.script(Bf16Cast()).save(str(out))
print(f"wrote {out} ({out.stat().st_size} bytes) with torch {torch.__version__}")
