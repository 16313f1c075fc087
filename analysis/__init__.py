"""Country-report workbook: tidy tables of country reports and comparisons across time.

The public API is re-exported here; each name lives in the module named for what it holds, in
the folder of its stage: ``read``, ``annotate``, ``measure``, ``plot``, ``workbook`` (see
``docs/architecture.md``). Names are imported on first use, so ``import analysis`` (and
``workbook run`` when every run is up to date) stays fast.
"""

from importlib import import_module

_EXPORTS = {
    "Corpus": "corpus",
    "load_corpus": "corpus",
    "load_knowledge": "knowledge.bundle",
    "attention": "measure.attention",
    "dispersion": "measure.attention",
    "tone": "measure.tone",
    "tone_change": "measure.tone",
    "keyness": "measure.keyness",
    "keyness_by": "measure.keyness",
    "kwic": "measure.kwic",
    "cooccurrence": "measure.cooccurrence",
    "frame_shares": "measure.frames",
    "outlets": "measure.sources",
    "authors": "measure.sources",
    "recurring_authors": "measure.sources",
    "source_actors": "measure.sources",
    "compare": "measure.compare",
    "summary": "measure.summary",
    "evidence": "measure.compare",
    "plot_attention": "plot.attention_plots",
    "plot_tone": "plot.tone_plots",
    "plot_keyness": "plot.keyness_plots",
    "plot_dispersion": "plot.attention_plots",
    "plot_cooccurrence": "plot.network",
    "plot_source_actors": "plot.heatmaps",
    "plot_frame_shares": "plot.heatmaps",
    "save_figure": "plot.save",
    "find_mentions": "annotate.mentions",
    "load_gazetteer": "knowledge.gazetteer",
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
    "load_knowledge",
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
