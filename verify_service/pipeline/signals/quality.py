"""Image quality measures that a reviewer or a policy can act on: sharpness, exposure, glare."""

from __future__ import annotations

import cv2
import numpy as np

WORK_SIDE = 640  # measured on a copy this long: the measures must not depend on the upload's resolution
BLURRY_BELOW = 40.0  # variance of the Laplacian under which OCR starts to drop characters
DARK_BELOW = 50.0  # mean grey level (0-255) under which labels and values merge into the background
GLARE_LEVEL = 250  # a pixel at or above this grey level is blown out
GLARE_SHARE = 0.05  # more than this share of blown-out pixels flags the photo as glared


def measure(image: np.ndarray) -> dict:
    """Sharpness (variance of the Laplacian on a 640-px greyscale copy), mean brightness 0-255 and the share of
    blown-out pixels (glare), with a flag for each that crosses the line where OCR starts to suffer."""
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    height, width = grey.shape
    scale = WORK_SIDE / max(height, width)
    if scale < 1 and round(min(height, width) * scale) < 1:
        # fx/fy would round a thin image's short side to zero pixels, which cv2.resize refuses: keep one.
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        grey = cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
    elif scale < 1:
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    sharpness = float(cv2.Laplacian(grey, cv2.CV_64F).var())
    brightness = float(grey.mean())
    glare = float((grey >= GLARE_LEVEL).mean())
    return {
        "sharpness": round(sharpness, 1),
        "brightness": round(brightness, 1),
        "glare_ratio": round(glare, 4),
        "blurry": sharpness < BLURRY_BELOW,
        "too_dark": brightness < DARK_BELOW,
        "glare": glare > GLARE_SHARE,
    }
