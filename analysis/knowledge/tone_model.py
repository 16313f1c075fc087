"""How far the per-mention tone agrees with human coding, for every page that shows tone.

The tone aimed at each actor is defined by the codebook ``docs/tone-codebook.md``. This module
says, in one value, how well the workbook's measure of it agrees with careful human coding of
that codebook, so that the README, the notebooks and the pages print the same line.

Interim: the figures are those of the clause-lexicon score (``benchmarks/tone_agreement.py``
on the 513 coded pairs of the samples) until the trained tone model lands with its validation.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CODEBOOK", "ToneAgreement", "tone_agreement"]

#: The codebook's path in the repository (the pages link their own rendered copy of it).
CODEBOOK = "docs/tone-codebook.md"


@dataclass(frozen=True)
class ToneAgreement:
    """The agreement of the tone measure with human coding.

    measure : what scores tone, in words
    macro_f1, accuracy : on the pairs of ``n_test`` (held out from every choice when
        ``held_out``), the label read from the score
    baseline_macro_f1 : sentence-level VADER on the same pairs
    kappa : Cohen's kappa of two independent coding passes (the ceiling), None if not measured
    """

    measure: str
    macro_f1: float
    accuracy: float
    n_test: int
    held_out: bool
    baseline_macro_f1: float
    kappa: float | None = None
    codebook: str = CODEBOOK

    def sentence(self) -> str:
        """One line for a page: how far tone agrees with human coding."""
        where = "pairs of held-out reports" if self.held_out else "coded pairs"
        line = (f"Tone ({self.measure}) agrees with human coding of the codebook at macro-F1 "
                f"{self.macro_f1:.2f} on {self.n_test:,} {where} (sentence VADER "
                f"{self.baseline_macro_f1:.2f}")
        if self.kappa is not None:
            line += f"; two coders agree at Cohen's kappa {self.kappa:.2f}"
        return line + ")."


def tone_agreement() -> ToneAgreement:
    """The agreement of the shipped tone measure (interim: the clause-lexicon score)."""
    return ToneAgreement(measure="clause lexicon score", macro_f1=0.44, accuracy=0.59,
                         n_test=513, held_out=False, baseline_macro_f1=0.41)
