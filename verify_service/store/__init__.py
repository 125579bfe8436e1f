"""The case store for the review page: results and input images, encrypted at rest, deleted after retention."""
