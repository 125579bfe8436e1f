import datetime as dt
from pathlib import Path

import pytest

from verify_service.config import Settings
from verify_service.errors import ConfigError


def test_defaults_then_environment_then_overrides():
    env = {"VERIFY_PORT": "9000", "VERIFY_PROVIDER": "cpu", "VERIFY_MAX_UPLOAD_MB": "2.5", "VERIFY_WARMUP": "no",
           "VERIFY_MODEL_DIR": "/tmp/m", "VERIFY_REFERENCE_DATE": "2026-01-02"}
    s = Settings.load({"port": 9100}, environ=env)
    assert (s.port, s.provider, s.max_upload_mb, s.warmup) == (9100, "cpu", 2.5, False)
    assert s.model_dir == Path("/tmp/m") and s.today() == dt.date(2026, 1, 2)
    assert s.max_upload_bytes == int(2.5 * 1024 * 1024)


@pytest.mark.parametrize("env, message", [
    ({"VERIFY_PROVIDER": "gpu"}, "VERIFY_PROVIDER"),
    ({"VERIFY_PORT": "eighty"}, "VERIFY_PORT"),
    ({"VERIFY_PORT": "0"}, "VERIFY_PORT"),
    ({"VERIFY_WARMUP": "maybe"}, "VERIFY_WARMUP"),
    ({"VERIFY_MAX_UPLOAD_MB": "-1"}, "VERIFY_MAX_UPLOAD_MB"),
])
def test_bad_values_name_their_variable(env, message):
    with pytest.raises(ConfigError, match=message):
        Settings.load(environ=env)


def test_unknown_override_is_an_error():
    with pytest.raises(ConfigError, match="unknown setting"):
        Settings.load({"no_such_thing": 1}, environ={})


def test_client_chosen_log_values_never_hold_an_id_number():
    import logging

    from verify_service.logs import JsonFormatter

    record = logging.LogRecord("verify_service.access", logging.INFO, __file__, 1, "request", None, None)
    record.client_request_id = "11010519491231002X"
    record.path = "/v1/cases/11010519491231002X" + "a" * 3000
    line = JsonFormatter().format(record)
    assert "11010519491231002X" not in line and "110105********002X" in line
    assert len(line) < 800
