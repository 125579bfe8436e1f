"""Document readers, one package per document type, and the registry that builds them.

A reader turns page images into a typed result with `to_dict()`. Adding a document type (a passport, a
residence permit) is a new package here with its parse, read and checks modules, plus one `register` call in
its `__init__`; services.py builds every registered reader from the same engines and settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from verify_service.pipeline.types import FaceDetector, TextReader


class DocumentReader(Protocol):
    """What every reader offers: it reads images of one document type into a result the contract knows."""

    document_type: str

    def read(self, *args: Any, **kwargs: Any) -> Any: ...


@dataclass(frozen=True)
class ReaderDeps:
    """What a reader may be built from: the engines and the settings that concern documents."""

    ocr: TextReader
    faces: FaceDetector | None
    settings: Any


BUILDERS: dict[str, Callable[[ReaderDeps], DocumentReader]] = {}


def register(document_type: str) -> Callable[[Callable[[ReaderDeps], DocumentReader]], Callable]:
    """Class or function decorator: `document_type` is built by this builder."""

    def add(builder: Callable[[ReaderDeps], DocumentReader]) -> Callable[[ReaderDeps], DocumentReader]:
        if document_type in BUILDERS:
            raise ValueError(f"document type {document_type!r} is registered twice")
        BUILDERS[document_type] = builder
        return builder

    return add


def build_readers(deps: ReaderDeps) -> dict[str, DocumentReader]:
    """Every registered reader, built once (importing the packages registers them)."""
    from verify_service.pipeline.documents import cn_id_card, income  # noqa: F401

    return {name: build(deps) for name, build in BUILDERS.items()}
