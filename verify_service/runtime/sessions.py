"""ONNX Runtime sessions built one way for every model: verified file, chosen providers, thread settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import onnxruntime as ort

from verify_service.errors import ModelUnavailable
from verify_service.runtime.providers import Provider, active_provider, resolve_providers


@dataclass(frozen=True)
class EngineConfig:
    """How sessions are built: the provider setting and intra-op threads (0 = ONNX Runtime's default)."""

    provider: Provider = Provider.AUTO
    threads: int = 0

    def providers(self) -> list[str]:
        """Provider list for InferenceSession, CPU last; raises when CUDA is demanded but absent."""
        return resolve_providers(self.provider, ort.get_available_providers())


@dataclass
class LoadedSession:
    """A session with what it was asked for and what it got."""

    session: ort.InferenceSession
    provider: Provider


def create_session(path: Path, config: EngineConfig, name: str) -> LoadedSession:
    """An InferenceSession for a verified model file; its real provider is checked after loading."""
    asked = config.providers()
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    if config.threads:
        options.intra_op_num_threads = config.threads
        options.inter_op_num_threads = 1
    try:
        session = ort.InferenceSession(str(path), sess_options=options, providers=asked)
    except Exception as exc:  # ORT raises its own exception types for bad graphs and missing libraries
        raise ModelUnavailable(f"{name}: ONNX Runtime could not load {path}: {exc}") from exc
    return LoadedSession(session, active_provider(config.provider, asked, session.get_providers(), name))
