"""Batch re-verification: a manifest of stored cases in, one JSON line per case out, resumable."""
