"""Plots: one ``plot_<result>`` per result table, a matplotlib Figure out.

``style`` (colours, rc settings, canvas), ``layout`` (label placement, network geometry),
``attention``, ``tone``, ``keyness``, ``network``, ``heatmaps``, and ``save`` (``save_figure``).
"""
