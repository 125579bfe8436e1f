"""Concurrency must not change results: the same requests alone and eight at a time give the same answers."""

import io
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import SAMPLES, post

pytestmark = pytest.mark.integration
CARDS = sorted((SAMPLES / "id_cards").glob("*_photo.jpg"))[:8]


def answer(app, image):
    body = post(app.test_client(), "/v1/id-card", {"image": (io.BytesIO(image.read_bytes()), image.name)}).json
    body.pop("request_id")
    body.pop("timings_ms")
    return body


def test_eight_concurrent_requests_answer_as_one_at_a_time(real_app):
    alone = [answer(real_app, image) for image in CARDS]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda image: answer(real_app, image), CARDS))
    assert together == alone
