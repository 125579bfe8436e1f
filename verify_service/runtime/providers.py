"""Which ONNX Runtime execution providers to ask for, and a check of what a session really got.

ONNX Runtime silently falls back to the CPU when CUDA cannot be loaded; this module makes that fall-back
explicit: `cuda` fails loudly, `auto` falls back and says so.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence

from verify_service.errors import ModelUnavailable

log = logging.getLogger(__name__)

CUDA = "CUDAExecutionProvider"
CPU = "CPUExecutionProvider"


class Provider(enum.StrEnum):
    """The provider setting (VERIFY_PROVIDER) and the provider reported as active."""

    AUTO = "auto"
    CPU = "cpu"
    CUDA = "cuda"


def resolve_providers(requested: Provider, available: Sequence[str]) -> list[str]:
    """The provider list to pass to InferenceSession, CPU last."""
    if requested is Provider.CPU:
        return [CPU]
    if CUDA in available:
        return [CUDA, CPU]
    if requested is Provider.CUDA:
        raise ModelUnavailable(
            "VERIFY_PROVIDER=cuda but this ONNX Runtime offers only "
            f"{', '.join(available) or 'nothing'}: install onnxruntime-gpu (instead of onnxruntime) with a "
            "matching CUDA and cuDNN, or set VERIFY_PROVIDER=auto or cpu"
        )
    return [CPU]


def active_provider(requested: Provider, asked: Sequence[str], got: Sequence[str], model: str) -> Provider:
    """What a session runs on, after checking it against what was asked for."""
    if asked and asked[0] == CUDA and (not got or got[0] != CUDA):
        if requested is Provider.CUDA:
            raise ModelUnavailable(
                f"{model}: CUDA was requested but ONNX Runtime loaded {', '.join(got) or 'no provider'} "
                "(CUDA or cuDNN libraries missing?); refusing to run on the CPU silently"
            )
        log.warning("%s: CUDA provider failed to load, running on the CPU", model)
    return Provider.CUDA if got and got[0] == CUDA else Provider.CPU
