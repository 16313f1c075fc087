"""Measures: pure functions, tables in, tables out.

``groups`` (what users name: reports, periods, years, actors), ``intervals`` (bootstraps and score
intervals), ``attention``, ``tone``, ``keyness``, ``kwic``, ``cooccurrence``, ``frames``,
``sources``, ``compare`` (the headline table) and ``summary`` (its words).
"""
