# verify_service: production image. Build from the repo root with the model mirror as a named context:
#   docker build --build-context models=../shared/models -t verify-service .
#   docker build --build-context models=../shared/models --build-arg ORT_PACKAGE=onnxruntime-gpu -t verify-service:gpu .
# Run (the service refuses a non-loopback address without API keys):
#   docker run -p 8080:8080 -e VERIFY_API_KEYS=... verify-service
# The entrypoint is gunicorn's master with waitress in each worker (verify_service/serve.py): requests are read
# whole, with header and body timeouts, before a thread runs them, so no proxy process is needed in the image
# for slow clients. TLS, per-address connection limits and rate limits belong to the load balancer in front.
FROM python:3.11.7-slim-bookworm

# onnxruntime (CPU) or onnxruntime-gpu: exactly one of them is installed, never both.
ARG ORT_PACKAGE=onnxruntime
ARG ORT_VERSION=1.31.1

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    VERIFY_HOST=0.0.0.0 \
    VERIFY_PORT=8080 \
    VERIFY_MODEL_DIR=/app/models/files \
    VERIFY_MODEL_MIRROR=/opt/model-mirror

RUN groupadd --system verify && useradd --system --gid verify --home-dir /app --shell /usr/sbin/nologin verify
WORKDIR /app

COPY requirements.txt requirements-nodeps.txt ./
RUN grep -v '^onnxruntime==' requirements.txt > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt "${ORT_PACKAGE}==${ORT_VERSION}" \
    && pip install --no-deps -r requirements-nodeps.txt \
    && rm /tmp/requirements.txt

COPY verify_service ./verify_service
COPY models/manifest.json models/face_calibration.json ./models/
COPY --from=models MiniFASNetV2.onnx MiniFASNetV1SE.onnx /opt/model-mirror/

# Every model is pulled and sha256-checked now: nothing is downloaded when the container runs.
RUN python -m verify_service models pull && python -m verify_service models verify \
    && rm -rf /opt/model-mirror && chown -R verify:verify /app

USER verify
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8080/readyz', timeout=4).status == 200 else 1)"
ENTRYPOINT ["python", "-m", "verify_service", "serve"]
