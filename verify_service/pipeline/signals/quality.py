"""Image quality measures that a reviewer or a policy can act on: sharpness, exposure, glare."""

from __future__ import annotations

import cv2
import numpy as np


def measure(image: np.ndarray) -> dict:
    """Sharpness (variance of the Laplacian on a 640-px greyscale copy), mean brightness 0-255 and the share of
    blown-out pixels (glare), with a flag for each that crosses the line where OCR starts to suffer."""
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    scale = 640 / max(grey.shape)
    if scale < 1:
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    sharpness = float(cv2.Laplacian(grey, cv2.CV_64F).var())
    brightness = float(grey.mean())
    glare = float((grey >= 250).mean())
    return {
        "sharpness": round(sharpness, 1),
        "brightness": round(brightness, 1),
        "glare_ratio": round(glare, 4),
        "blurry": sharpness < 40.0,
        "too_dark": brightness < 50.0,
        "glare": glare > 0.05,
    }
