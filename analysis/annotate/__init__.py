"""Annotation: entries into sentences, tokens, mentions, frames and tone.

``sentences`` (Punkt), ``tokens`` (the tokens table), ``lookup`` (actor mentions and frame terms
through one dictionary lookup), ``vader`` (VADER compound scores), ``tone`` (tone of each
sentence), ``report`` (all of them on one report), ``engine`` (many reports: cache, processes,
Dask).
"""
