"""Provider choice and the model manifest, tested without a GPU by monkeypatching ONNX Runtime."""

import hashlib
import json

import pytest

from tests.conftest import REPO, TEST_SETTINGS
from tests.fakes import FakeRegistry
from verify_service import create_app
from verify_service.config import Settings
from verify_service.errors import ConfigError, ModelUnavailable
from verify_service.runtime import sessions
from verify_service.runtime.manifest import Manifest, ModelEntry, pull, verified_path
from verify_service.runtime.providers import CPU, CUDA, Provider, active_provider, resolve_providers

GPU_BOX = ["TensorrtExecutionProvider", CUDA, CPU]


@pytest.mark.parametrize("requested, available, expected", [
    (Provider.CPU, GPU_BOX, [CPU]),
    (Provider.AUTO, GPU_BOX, [CUDA, CPU]),
    (Provider.AUTO, [CPU], [CPU]),
    (Provider.CUDA, GPU_BOX, [CUDA, CPU]),
])
def test_provider_lists_put_cpu_last(requested, available, expected):
    assert resolve_providers(requested, available) == expected


def test_cuda_without_a_cuda_provider_fails_loudly():
    with pytest.raises(ModelUnavailable, match="onnxruntime-gpu"):
        resolve_providers(Provider.CUDA, [CPU])


def test_session_that_fell_back_to_cpu_is_caught():
    with pytest.raises(ModelUnavailable, match="refusing to run on the CPU silently"):
        active_provider(Provider.CUDA, [CUDA, CPU], [CPU], "det")
    assert active_provider(Provider.AUTO, [CUDA, CPU], [CPU], "det") is Provider.CPU
    assert active_provider(Provider.AUTO, [CUDA, CPU], [CUDA, CPU], "det") is Provider.CUDA


def test_engine_config_asks_onnxruntime_what_it_has(monkeypatch):
    monkeypatch.setattr(sessions.ort, "get_available_providers", lambda: GPU_BOX)
    assert sessions.EngineConfig(Provider.AUTO).providers() == [CUDA, CPU]
    monkeypatch.setattr(sessions.ort, "get_available_providers", lambda: [CPU])
    assert sessions.EngineConfig(Provider.AUTO).providers() == [CPU]
    with pytest.raises(ModelUnavailable):
        sessions.EngineConfig(Provider.CUDA).providers()


def test_create_session_reports_cuda_when_the_session_got_it(monkeypatch, tmp_path):
    class FakeSession:
        def __init__(self, path, sess_options, providers):
            self.providers = providers

        def get_providers(self):
            return self.providers

    monkeypatch.setattr(sessions.ort, "get_available_providers", lambda: GPU_BOX)
    monkeypatch.setattr(sessions.ort, "InferenceSession", FakeSession)
    loaded = sessions.create_session(tmp_path / "m.onnx", sessions.EngineConfig(Provider.CUDA), "m")
    assert loaded.provider is Provider.CUDA
    assert loaded.session.providers == [CUDA, CPU]


def _entry(tmp_path, content=b"model bytes", **source):
    return ModelEntry("m", "m.onnx", "onnx", hashlib.sha256(content).hexdigest(), "MIT", source or {"mirror": True})


def test_pull_from_mirror_then_verify(tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "m.onnx").write_bytes(b"model bytes")
    entry = _entry(tmp_path)
    path, source = pull(entry, tmp_path / "models", mirror)
    assert source.startswith("mirror") and path.read_bytes() == b"model bytes"
    assert verified_path(entry, tmp_path / "models") == path
    assert pull(entry, tmp_path / "models", mirror)[1] == "already present"


def test_corrupt_mirror_file_is_refused(tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "m.onnx").write_bytes(b"tampered")
    with pytest.raises(ModelUnavailable, match="sha256"):
        pull(_entry(tmp_path), tmp_path / "models", mirror)
    assert not (tmp_path / "models" / "m.onnx").exists()


def test_missing_and_corrupt_files_name_the_file_and_the_fix(tmp_path):
    entry = _entry(tmp_path)
    with pytest.raises(ModelUnavailable, match=r"m\.onnx.*missing.*models pull"):
        verified_path(entry, tmp_path)
    (tmp_path / "m.onnx").write_bytes(b"other")
    with pytest.raises(ModelUnavailable, match=r"m\.onnx.*sha256.*models pull"):
        verified_path(entry, tmp_path)


def test_real_manifest_is_complete():
    manifest = Manifest.load(Settings().manifest)
    for role in ("ocr_det", "ocr_rec", "ocr_cls", "face_det"):
        entry = manifest.for_role(role)
        assert len(entry.sha256) == 64 and entry.licence
    assert "non-commercial" in manifest.for_role("face_det").licence


def test_manifest_role_naming_an_unknown_model_is_rejected(tmp_path):
    bad = tmp_path / "manifest.json"
    bad.write_text(json.dumps({"roles": {"ocr_det": "nope"}, "models": []}))
    with pytest.raises(ModelUnavailable, match="nope"):
        Manifest.load(bad)


def test_start_up_refuses_missing_models(tmp_path):
    from verify_service import create_app

    with pytest.raises(ModelUnavailable, match="models pull"):
        create_app({"model_dir": tmp_path})


class _NamedRecogniser(FakeRegistry):
    """A fake registry that says which recogniser it loaded, as the real one does."""

    def __init__(self, sha256: str):
        super().__init__()
        self.sha256 = sha256

    def describe(self):
        return {"provider": "cpu", "models": {"face_rec": {"name": "other", "sha256": self.sha256}}}


def test_start_up_refuses_thresholds_calibrated_for_another_recogniser():
    with pytest.raises(ConfigError, match="was made for the recogniser with sha256"):
        create_app(TEST_SETTINGS, registry=_NamedRecogniser("ab" * 32))


def test_explicit_thresholds_are_the_operators_choice():
    app = create_app({**TEST_SETTINGS, "face_match_threshold": 0.5, "face_reject_threshold": 0.3},
                     registry=_NamedRecogniser("ab" * 32))
    assert app.extensions["verify"].matcher.thresholds.operating_point == "custom"


def test_the_calibration_names_the_recogniser_the_manifest_loads():
    calibration = json.loads((REPO / "models" / "face_calibration.json").read_text())
    manifest = json.loads((REPO / "models" / "manifest.json").read_text())
    rec = next(m for m in manifest["models"] if m["name"] == manifest["roles"]["face_rec"])
    assert calibration["face_rec_sha256"] == rec["sha256"]
