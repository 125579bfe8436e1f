"""The only package that imports onnxruntime: providers, the model manifest, sessions and the model registry."""
