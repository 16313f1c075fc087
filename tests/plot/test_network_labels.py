"""Network edge labels (issue 14): on their own edge, never where two edges cross."""

import numpy as np

from analysis.plot.network import _segment_distance, edge_spots


def test_a_label_leaves_the_crossing_of_two_edges():
    a, b, c, d = (np.array(p, dtype=float) for p in [(-1, -1), (1, 1), (-1, 1), (1, -1)])
    edges = [(a, b), (c, d)]  # the two diagonals cross at (0, 0), the middle of both
    spots = edge_spots(edges, edges, [a, b, c, d])
    for (x, y), (p, q) in zip(spots, edges, strict=True):
        spot = np.array([x, y])
        assert _segment_distance(spot, p, q) < 1e-9  # on its own edge
        assert np.linalg.norm(spot) > 0.15  # not at the crossing
    assert np.linalg.norm(np.subtract(*spots)) > 0.15  # nor on each other


def test_a_lone_edge_is_labelled_at_its_middle():
    a, b = np.array([0.0, 0.0]), np.array([1.0, 0.0])
    assert edge_spots([(a, b)], [(a, b)], [a, b]) == [(0.5, 0.0)]
