"""Manifests and the resumable writer, without models."""

import json
from pathlib import Path

import pytest

from verify_service.batch.manifest import ManifestError, read_manifest
from verify_service.batch.run import main
from verify_service.batch.writer import ResultWriter


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_jsonl_manifest_with_relative_and_absolute_paths(tmp_path):
    path = write(tmp_path, "m.jsonl", json.dumps({"case_id": "a", "id_front": "cards/f.jpg", "selfie": "/data/s.jpg",
                                                  "id_back": "", "application": {"monthly_income": 9000}}) + "\n\n")
    (case,) = read_manifest(path)
    assert case.case_id == "a" and case.application == {"monthly_income": 9000}
    assert case.files == {"id_front": tmp_path / "cards" / "f.jpg", "selfie": Path("/data/s.jpg")}


def test_csv_manifest_with_application_json_and_empty_parts(tmp_path):
    path = write(tmp_path, "m.csv", 'case_id,id_front,id_back,selfie,income_proof,application\n'
                                    '7,f.jpg,,s.jpg,,"{""name"": ""张三""}"\n8,f2.jpg,b2.jpg,s2.jpg,p.pdf,\n')
    first, second = read_manifest(path)
    assert first.case_id == "7" and set(first.files) == {"id_front", "selfie"} and first.application == {"name": "张三"}
    assert set(second.files) == {"id_front", "id_back", "selfie", "income_proof"} and second.application is None


@pytest.mark.parametrize("name, text, message", [
    ("m.csv", "case_id,id_front\n1,f.jpg\n", "lacks selfie"),
    ("m.csv", "id_front,selfie\nf.jpg,s.jpg\n", "lacks case_id"),
    ("m.jsonl", '{"case_id": "a", "id_front": "f", "selfie": "s"}\n{"case_id": "b", "id_fr\n', "m.jsonl:2: not valid JSON"),
    ("m.jsonl", '["a", "b"]\n', "m.jsonl:1: each line must be a JSON object"),
    ("m.jsonl", '{"id_front": "f", "selfie": "s"}\n', "case_id is missing"),
    ("m.jsonl", '{"case_id": "a", "selfie": "s", "photo": "x"}\n', "unknown columns photo"),
    ("m.jsonl", '{"case_id": "a", "selfie": 5}\n', "selfie must be a file path"),
    ("m.jsonl", '{"case_id": "a", "selfie": "s", "application": [1]}\n', "application must be a JSON object"),
    ("m.jsonl", '{"case_id": "a", "selfie": "s"}\n{"case_id": "a", "selfie": "t"}\n', "appears more than once"),
    ("m.jsonl", "\n", "no cases"),
    ("m.csv", "case_id,id_front,selfie\n1,f.jpg,s.jpg,extra\n", "more values than header columns"),
])
def test_bad_manifests_are_rejected_with_the_line(tmp_path, name, text, message):
    with pytest.raises(ManifestError, match=message):
        read_manifest(write(tmp_path, name, text))


def test_bad_manifest_exits_2_before_loading_models(tmp_path, capsys):
    path = write(tmp_path, "m.jsonl", '{"case_id": "a"\n')
    assert main([str(path), "--out", str(tmp_path / "out.jsonl")]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main([str(tmp_path / "absent.jsonl"), "--out", str(tmp_path / "o.jsonl")]) == 2


def test_bad_usage_exits_2(tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["m.jsonl"])  # no --out
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["m.jsonl", "--out", "o", "--workers", "0"])
    assert exc.value.code == 2


def test_writer_resumes_and_cuts_a_torn_last_line(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"case_id":"a","decision":"pass"}\n{"case_id":"b","error":{}}\n{"case_id":"c","deci')
    with ResultWriter(out) as writer:
        assert writer.done == {"a", "b"}
        writer.write({"case_id": "c", "decision": "review"})
    lines = out.read_text().splitlines()
    assert [json.loads(x)["case_id"] for x in lines] == ["a", "b", "c"]


def test_writer_cuts_an_unparseable_last_line_with_newline(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"case_id":"a","decision":"pass"}\n{"case_id":"b",\n')
    with ResultWriter(out) as writer:
        assert writer.done == {"a"}
    assert out.read_bytes() == b'{"case_id":"a","decision":"pass"}\n'
