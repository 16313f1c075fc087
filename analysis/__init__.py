"""Country-report workbook: tidy tables of country reports and comparisons across time.

The public API is re-exported here; each name lives in the module named for what it holds
(see ``docs/architecture.md``).
"""

from analysis.corpus import Corpus, load_corpus

__all__ = ["Corpus", "load_corpus"]
