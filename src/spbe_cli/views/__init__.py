"""View models: everything one command's output needs, computed before rendering.

A renderer (:mod:`spbe_cli.render`, :mod:`spbe_cli.writers`) only lays a view out; it
calls no scoring, ranking, comparing, track or planning function (``tests/test_seams.py``
holds it to that). A view's costlier parts (track comparisons, rankings, statistics) are
computed on first use and once: a format that does not show them does not pay for them, and
one that shows them twice computes them once. One module per subject.
"""
