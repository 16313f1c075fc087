"""Storage: atomic writes, the code fingerprint, the per-report annotation store and the corpus
snapshot (``atomic``, ``fingerprint``, ``annotations``, ``snapshot``)."""
