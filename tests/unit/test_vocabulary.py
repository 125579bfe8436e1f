"""One vocabulary: every error, reason and check code the service can produce is an enum member in
verify_service.codes, and the OpenAPI document lists exactly those (httpx's tests/test_exceptions.py idea)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import verify_service
from verify_service.codes import CheckCode, ErrorCode, ReasonCode
from verify_service.errors import VerifyError
from verify_service.http.openapi import document
from verify_service.pipeline.decision.policy import DEFAULT_ACTIONS

PACKAGE = Path(verify_service.__file__).parent


def _all_modules():
    for info in pkgutil.walk_packages([str(PACKAGE)], "verify_service."):
        if info.name.endswith("__main__"):
            continue
        yield importlib.import_module(info.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_exception_code_is_in_the_openapi_document():
    list(_all_modules())  # every exception class defined anywhere is now imported
    listed = set(document()["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"]["enum"])
    for cls in [VerifyError, *_subclasses(VerifyError)]:
        assert isinstance(cls.code, ErrorCode), f"{cls.__name__}.code is a loose string"
        assert cls.code in listed, f"{cls.__name__} raises {cls.code}, which /openapi.json does not list"


def test_openapi_lists_exactly_the_enums():
    schemas = document()["components"]["schemas"]
    assert set(schemas["Reason"]["properties"]["code"]["enum"]) == set(ReasonCode)
    assert set(schemas["Check"]["properties"]["code"]["enum"]) == set(CheckCode)
    assert set(schemas["Error"]["properties"]["error"]["properties"]["code"]["enum"]) == set(ErrorCode)


def test_every_reason_code_has_a_default_action():
    assert set(DEFAULT_ACTIONS) == set(ReasonCode)


def test_no_code_is_written_as_a_loose_string():
    """Reason(...), Check(...) and code=... take enum members: a string literal there is a code that could escape
    the document."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                first = node.args[0] if node.args else None
                if name in ("Reason", "Check") and isinstance(first, ast.Constant) and isinstance(first.value, str):
                    offenders.append(f"{path.name}:{node.lineno} {name}({first.value!r})")
                for kw in node.keywords:
                    if kw.arg == "code" and isinstance(kw.value, ast.Constant):
                        offenders.append(f"{path.name}:{node.lineno} code={kw.value.value!r}")
            if (isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "code" for t in node.targets)
                    and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
                offenders.append(f"{path.name}:{node.lineno} code = {node.value.value!r}")
    assert not offenders, offenders
