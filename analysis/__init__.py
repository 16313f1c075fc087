"""Country-report workbook: tidy tables of country reports and comparisons across time.

The public API is re-exported here; each name lives in the module named for what it holds
(see ``docs/architecture.md``). Names are imported on first use, so ``import analysis`` (and
``workbook run`` when every run is up to date) stays fast.
"""

from importlib import import_module

_EXPORTS = {
    "Corpus": "corpus",
    "load_corpus": "corpus",
    "attention": "attention",
    "dispersion": "attention",
    "tone": "tone",
    "tone_change": "tone",
    "keyness": "keyness",
    "keyness_by": "keyness",
    "kwic": "kwic",
    "cooccurrence": "cooccurrence",
    "frame_shares": "frames",
    "outlets": "sources",
    "authors": "sources",
    "recurring_authors": "sources",
    "source_actors": "sources",
    "compare": "compare",
    "summary": "compare",
    "evidence": "compare",
    "plot_attention": "plots",
    "plot_tone": "plots",
    "plot_keyness": "plots",
    "plot_dispersion": "plots",
    "plot_cooccurrence": "plots",
    "plot_source_actors": "plots",
    "plot_frame_shares": "plots",
    "save_figure": "figures",
    "find_mentions": "mentions",
    "load_gazetteer": "mentions",
}

__all__ = [
    "Corpus",
    "attention",
    "authors",
    "compare",
    "cooccurrence",
    "dispersion",
    "evidence",
    "find_mentions",
    "frame_shares",
    "keyness",
    "keyness_by",
    "kwic",
    "load_corpus",
    "load_gazetteer",
    "outlets",
    "plot_attention",
    "plot_cooccurrence",
    "plot_dispersion",
    "plot_frame_shares",
    "plot_keyness",
    "plot_source_actors",
    "plot_tone",
    "recurring_authors",
    "save_figure",
    "source_actors",
    "summary",
    "tone",
    "tone_change",
]


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f"analysis.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
