"""The verification pipeline: no Flask, no onnxruntime; model stages arrive as injected objects."""
