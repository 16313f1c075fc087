"""The one tokenizer and the phrase matcher that aliases and frame terms go through."""

from __future__ import annotations

import pytest

from analysis.text.phrases import PhraseMatcher, compile_phrase
from analysis.text.tokenize import fold, normalize, stem, stopwords, tokenize


def words(text: str) -> list[str]:
    return [t.norm for t in tokenize(text)]


def test_tokenize_offsets_possessives_and_dotted_abbreviations():
    text = "Japan’s U.S. ally, Sino-Russian"
    toks = tokenize(text)
    assert [(t.norm, t.start, t.end) for t in toks] == [
        ("japan", 0, 5), ("u.s.", 8, 12), ("ally", 13, 17), ("sino", 19, 23), ("russian", 24, 31),
    ]
    assert [text[t.start:t.end] for t in toks] == ["Japan", "U.S.", "ally", "Sino", "Russian"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kim Jong-un’s visit", ["kim", "jong", "un", "visit"]),
        ("Japan's and JAPAN’S", ["japan", "and", "japan"]),
        ("Krasil’nikov, Profil’ on", ["krasil'nikov", "profil", "on"]),
        ("North Korea–Russia", ["north", "korea", "russia"]),
        ("“modernization”—a path", ["modernization", "a", "path"]),
        ("over 90% in 2014-15", ["over", "90", "in", "2014", "15"]),
        ("", []),
    ],
)
def test_tokenize_cases(text, expected):
    assert words(text) == expected


def test_normalize_and_fold():
    assert normalize("“Japan’s” – ＡＢＣ") == "\"japan's\" - abc"
    assert fold("“Japan’s” – US") == "\"Japan's\" - US"
    assert fold("plain ASCII") == "plain ASCII"


def test_stopwords_and_stems():
    assert {"the", "us", "no"} <= stopwords()
    assert "china" not in stopwords()
    assert stem("sanctions") == "sanction"
    assert stem("sanctioned") == "sanction"


def test_compile_phrase_rules():
    us, problem = compile_phrase("U.S.")
    assert (us.words, us.cased, us.hyphen, problem) == (("U.S.",), True, False, None)
    g7, _ = compile_phrase("G7")
    assert (g7.words, g7.cased) == (("g7",), False)  # one letter: no case rule
    sino, _ = compile_phrase("Sino-")
    assert (sino.words, sino.hyphen) == (("sino",), True)
    star, problem = compile_phrase("sanction*", wildcards=True)
    assert (star.words, star.prefix, problem) == (("sanction",), (True,), None)
    kim, problem = compile_phrase("Kim Jong-un")
    assert (kim.words, problem) == (("kim", "jong", "un"), None)
    prc, problem = compile_phrase("People’s Republic of China")
    assert (prc.words, problem) == (("people", "republic", "of", "china"), None)
    west, _ = compile_phrase("West", cased=True)
    assert (west.words, west.cased) == (("West",), True)


def test_compile_phrase_reports_what_cannot_match():
    nothing, problem = compile_phrase("+++")
    assert nothing is None and "never match" in problem
    brics, problem = compile_phrase("BRICS+")
    assert brics.words == ("BRICS",) and "'+'" in problem
    _, problem = compile_phrase("St. Petersburg")
    assert "'.'" in problem
    _, problem = compile_phrase("sanction*")  # no wildcards: the star is dropped
    assert "'*'" in problem


def matcher(*pairs, wildcards=False) -> PhraseMatcher:
    return PhraseMatcher(
        (compile_phrase(text, wildcards=wildcards)[0], label) for text, label in pairs
    )


def spans(m: PhraseMatcher, text: str) -> list[tuple[str, tuple]]:
    return [(text[a:b], labels) for a, b, labels in m.find(text)]


def test_leftmost_longest_non_overlapping():
    m = matcher(("Korea", "K"), ("North Korea", "NK"), ("North Korean", "NK"),
                ("South Korea", "SK"), ("Korea Herald", "paper"))
    assert spans(m, "North Korean and South Korea, North Korea Herald") == [
        ("North Korean", ("NK",)), ("South Korea", ("SK",)), ("North Korea", ("NK",)),
    ]


def test_case_rule_and_hyphen_prefix():
    m = matcher(("US", "United States"), ("UN", "United Nations"), ("Kim Jong-un", "North Korea"),
                ("Sino-", "China"), ("Russian", "Russia"))
    assert spans(m, "let us see the US and the UN") == [
        ("US", ("United States",)), ("UN", ("United Nations",)),
    ]
    assert spans(m, "Kim Jong-un met Kim Jong Un") == [
        ("Kim Jong-un", ("North Korea",)), ("Kim Jong Un", ("North Korea",)),
    ]
    assert spans(m, "Sino-Russian, Sino–US, Sino Russian, Sino—US, Sino") == [
        ("Sino", ("China",)), ("Russian", ("Russia",)), ("Sino", ("China",)), ("US", ("United States",)),
        ("Russian", ("Russia",)), ("US", ("United States",)),
    ]


def test_phrases_do_not_cross_punctuation_and_blockers_consume():
    m = matcher(("North Korea", "NK"), ("America", "US"), ("Latin America", None))
    assert spans(m, "the North. Korea") == []
    assert spans(m, "Latin America and America") == [("America", ("US",))]


def test_wildcards_and_shared_labels():
    m = matcher(("sanction*", "sanctions"), ("energy", "economy"), ("energy security", "economy"),
                ("security", "security"), ("trade", "economy"), ("trade", "diplomacy"),
                wildcards=True)
    assert spans(m, "Sanctioned energy security and trade; security") == [
        ("Sanctioned", ("sanctions",)), ("energy security", ("economy",)),
        ("trade", ("diplomacy", "economy")), ("security", ("security",)),
    ]


def test_find_on_a_run_of_tokens_keeps_text_offsets():
    m = matcher(("China", "China"))
    text = "China first. Then China again."
    toks = tokenize(text)
    assert m.find(text, toks[3:]) == [(18, 23, ("China",))]


def test_spans_are_nltks_regexp_tokenizer(samples_dir):
    """The token spans equal NLTK's RegexpTokenizer of the pattern (which this module copies
    without importing NLTK), on the samples and on tricky characters."""
    from nltk.tokenize import RegexpTokenizer

    from analysis.text.tokenize import TOKEN_PATTERN, _word_spans

    nltk = RegexpTokenizer(TOKEN_PATTERN)
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir.glob("*.txt"))]
    texts.append("U.S.-Japan ties, e.g. Krasil’nikov’s x_y 2024 ½ ² é (é) 𝐀𝐁 Ж ٣ ߀ ᾳ\x1c")
    for text in texts:
        assert _word_spans(text) == list(nltk.span_tokenize(text))
