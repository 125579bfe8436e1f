"""Docker cannot build on these machines: the Dockerfile is kept correct by reading it."""

import re

from tests.conftest import REPO

DOCKERFILE = (REPO / "Dockerfile").read_text()
INSTRUCTIONS = [line.strip() for line in re.sub(r"\\\n", " ", DOCKERFILE).splitlines()
                if line.strip() and not line.lstrip().startswith("#")]


def test_base_image_is_a_pinned_slim_python():
    base = [i for i in INSTRUCTIONS if i.startswith("FROM ")]
    assert base == ["FROM python:3.11.7-slim-bookworm"]


def test_every_copy_source_exists():
    for instruction in INSTRUCTIONS:
        if not instruction.startswith("COPY ") or "--from=" in instruction:
            continue
        sources = instruction.split()[1:-1]
        for source in sources:
            assert (REPO / source).exists(), f"{instruction}: {source} is not in the repo"


def test_mirror_copy_names_the_liveness_models_of_the_manifest():
    import json

    manifest = json.loads((REPO / "models" / "manifest.json").read_text())
    mirrored = {m["file"] for m in manifest["models"] if m["source"].get("mirror")}
    copy = next(i for i in INSTRUCTIONS if i.startswith("COPY --from=models"))
    assert set(copy.split()[2:-1]) == mirrored


def test_runs_as_non_root_with_healthcheck_and_gunicorn_entrypoint():
    assert any(i.startswith("USER ") and i.split()[1] not in ("root", "0") for i in INSTRUCTIONS)
    assert any(i.startswith("HEALTHCHECK ") and "/readyz" in i for i in INSTRUCTIONS)
    assert INSTRUCTIONS[-1] == 'ENTRYPOINT ["python", "-m", "verify_service", "serve"]'


def test_models_are_pulled_and_verified_at_build_time():
    assert any("models pull" in i and "models verify" in i for i in INSTRUCTIONS if i.startswith("RUN "))


def test_exactly_one_onnxruntime_is_installed():
    pip = next(i for i in INSTRUCTIONS if i.startswith("RUN grep -v '^onnxruntime=='"))
    assert '"${ORT_PACKAGE}==${ORT_VERSION}"' in pip
    assert "ARG ORT_PACKAGE=onnxruntime" in INSTRUCTIONS
    nodeps = (REPO / "requirements-nodeps.txt").read_text()
    assert "onnxruntime" not in re.sub(r"#.*", "", nodeps).replace("rapidocr_onnxruntime", "")
    pins = [line for line in (REPO / "requirements.txt").read_text().splitlines() if line.startswith("onnxruntime")]
    assert pins == ["onnxruntime==1.31.1"]


def test_the_entrypoint_server_that_buffers_requests_is_pinned():
    # serve.py runs waitress inside gunicorn's workers: both must be in the image, pinned.
    pins = [line for line in (REPO / "requirements.txt").read_text().splitlines()
            if line.startswith(("gunicorn==", "waitress=="))]
    assert len(pins) == 2
    assert any(i.startswith("RUN grep -v '^onnxruntime==' requirements.txt") for i in INSTRUCTIONS)
