"""Knowledge as data: the TOML files of ``analysis/data/`` and users' own files, loaded.

``files`` (reading and layering the files), ``outlets``, ``boilerplate``, ``gazetteer`` (actors
and aliases), ``frames`` (frame lexicons), and ``bundle``: the one :class:`Knowledge` value of a
corpus, with its digest.
"""
