"""Actor mentions: the gazetteer, its hard cases, user files, and hand-checked sample sentences."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from analysis.annotate.mentions import MENTION_COLUMNS, find_mentions, mentions
from analysis.annotate.sentences import sentences
from analysis.corpus import load_corpus
from analysis.knowledge.gazetteer import load_gazetteer


def found(text: str, **kw) -> list[tuple[str, str]]:
    return [(m.actor, m.alias) for m in find_mentions(text, **kw)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sino-Russian relations", [("China", "Sino"), ("Russia", "Russian")]),
        ("Sino-US relations", [("China", "Sino"), ("United States", "US")]),
        ("the Russo-Chinese entente", [("Russia", "Russo"), ("China", "Chinese")]),
        ("the Sino-Indian border", [("China", "Sino"), ("India", "Indian")]),
        ("the US-ROK alliance", [("United States", "US"), ("South Korea", "ROK")]),
        ("a Japan-North Korea summit", [("Japan", "Japan"), ("North Korea", "North Korea")]),
        ("North Korea–Russia ties", [("North Korea", "North Korea"), ("Russia", "Russia")]),
        ("a North Korean delegation", [("North Korea", "North Korean")]),
        ("South Korean elections", [("South Korea", "South Korean")]),
        ("let us see; tell us", []),
        ("the US and the U.S.", [("United States", "US"), ("United States", "U.S.")]),
        ("Indiana is not India", [("India", "India")]),
        ("the moon rose", []),
        ("Moon Jae-in spoke", [("South Korea", "Moon Jae-in")]),
        ("Xi met Xi Jinping", [("China", "Xi"), ("China", "Xi Jinping")]),
        ("Kim Jong-un’s visit", [("North Korea", "Kim Jong-un")]),
        ("Kishida, Putin and Modi", [("Japan", "Kishida"), ("Russia", "Putin"), ("India", "Modi")]),
        ("Japan’s rhetoric and Japan's list", [("Japan", "Japan"), ("Japan", "Japan")]),
        ("the DPRK’s promise in Pyongyang", [("North Korea", "DPRK"), ("North Korea", "Pyongyang")]),
        ("the un of Kim and the UN", [("United Nations", "UN")]),
        ("in Latin America, not America", [("United States", "America")]),
        ("the West, Western media, western Asia", [("West", "the West"), ("West", "Western")]),
        ("the UN Security Council", [("United Nations", "UN Security Council")]),
        ("Democratic People’s Republic of Korea and Republic of Korea",
         [("North Korea", "Democratic People’s Republic of Korea"),
          ("South Korea", "Republic of Korea")]),
        ("In Moscow Carnegie Center, Moscow", [("Russia", "Moscow")]),
        ("a turkey for Turkey", [("Turkey", "Turkey")]),
    ],
)
def test_hard_cases(text, expected):
    assert found(text) == expected


def test_mentions_keep_offsets_and_original_characters():
    text = "Tokyo and Kishida’s Japan"
    assert [(m.actor, m.alias, m.start, m.end) for m in find_mentions(text)] == [
        ("Japan", "Tokyo", 0, 5), ("Japan", "Kishida", 10, 17), ("Japan", "Japan", 20, 25),
    ]


REQUIRED = [
    "China", "North Korea", "South Korea", "Japan", "United States", "India", "Russia", "BRICS",
    "Ukraine", "Taiwan", "European Union", "NATO", "ASEAN", "SCO", "EEU", "United Nations", "Iran",
    "Mongolia", "Kazakhstan", "Central Asia", "Global South", "West",
]


def test_shipped_gazetteer_loads_cleanly_and_is_cached():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gaz = load_gazetteer()
    assert set(REQUIRED) <= set(gaz.actors)
    assert load_gazetteer() is gaz
    assert gaz.matcher is gaz.matcher
    assert "Pyongyang" in gaz.aliases("North Korea")


def test_every_shipped_alias_finds_its_own_actor():
    gaz = load_gazetteer()
    wrong = []
    for phrase, actor in gaz.entries:
        if actor is None:
            continue
        text = phrase.text + "Russian" if phrase.hyphen else phrase.text
        hits = [(m.actor, m.start) for m in find_mentions(text, gazetteer=gaz)]
        if not hits or hits[0] != (actor, 0):
            wrong.append((phrase.text, actor, hits))
    assert wrong == []


def write(tmp_path, body: str, name: str = "actors.toml"):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_warns_at_load_about_aliases_that_cannot_match(tmp_path):
    path = write(tmp_path, '[actors.China]\naliases = ["+++"]\n[actors.BRICS]\naliases = ["BRICS+"]\n')
    with pytest.warns(UserWarning) as record:
        load_gazetteer(path)
    messages = [str(w.message) for w in record]
    assert any("'+++'" in m and "'China'" in m and "never match" in m for m in messages)
    assert any("'BRICS+'" in m and "'BRICS'" in m and "'+'" in m for m in messages)


def test_user_file_extends_overrides_and_replaces(tmp_path):
    path = write(tmp_path, """
[actors.China]
aliases = ["Zhongguo"]

[actors."Moscow City"]
aliases = ["Moscow"]

[actors.Japan]
aliases = ["Nippon"]
replace = true
""")
    gaz = load_gazetteer(path)
    assert found("Zhongguo and China", gazetteer=gaz) == [("China", "Zhongguo"), ("China", "China")]
    assert found("Moscow and Russia", gazetteer=gaz) == [("Moscow City", "Moscow"), ("Russia", "Russia")]
    assert found("Nippon, Japan, Tokyo", gazetteer=gaz) == [("Japan", "Nippon")]
    alone = load_gazetteer(path, extend=False)
    assert set(alone.actors) == {"China", "Moscow City", "Japan"}
    assert found("Zhongguo and China", gazetteer=alone) == [("China", "Zhongguo")]
    # the default stays the shipped one
    assert found("Moscow") == [("Russia", "Moscow")]


def test_user_ignore_list_blocks_an_alias(tmp_path):
    path = write(tmp_path, '[ignore]\naliases = ["Washington State"]\n')
    assert found("Washington State and Washington", gazetteer=path) == [
        ("United States", "Washington")
    ]


def test_one_alias_for_two_actors_in_one_file_is_an_error(tmp_path):
    path = write(tmp_path, '[actors.A]\naliases = ["Foo"]\n[actors.B]\naliases = ["foo"]\n')
    with pytest.raises(ValueError, match="'Foo'|'foo'"):
        load_gazetteer(path)


def test_malformed_file_is_named(tmp_path):
    path = write(tmp_path, '[actors.A]\nalias = ["Foo"]\n')
    with pytest.raises(ValueError, match="actors.toml"):
        load_gazetteer(path)


def test_mentions_table_on_a_tiny_entry():
    text = "Beijing and Washington talked. The US-ROK drills worried Pyongyang."
    entries = pd.DataFrame({"entry_id": ["r-e01"], "report_id": ["r"], "text": [text]})
    sents = sentences(entries)
    table = mentions(sents, entries)
    assert list(table.columns) == MENTION_COLUMNS
    assert table.to_dict("list") == {
        "report_id": ["r"] * 5,
        "entry_id": ["r-e01"] * 5,
        "sentence_idx": [0, 0, 1, 1, 1],
        "actor": ["China", "United States", "United States", "South Korea", "North Korea"],
        "alias": ["Beijing", "Washington", "US", "ROK", "Pyongyang"],
        "start": [0, 12, 35, 38, 57],
        "end": [7, 22, 37, 41, 66],
    }
    assert table["start"].dtype == "int64"
    empty = mentions(sents.iloc[:0], entries)
    assert list(empty.columns) == MENTION_COLUMNS and len(empty) == 0


# --- the samples, hand-checked -------------------------------------------------------------------

HAND_CHECKED = {
    "russia-2024-03": [
        ("China, Sino-US relations, North Korea, India, and the BRICS as well as a possible",
         [("China", "China"), ("China", "Sino"), ("United States", "US"),
          ("North Korea", "North Korea"), ("India", "India"), ("BRICS", "BRICS"),
          ("Japan", "Japan"), ("North Korea", "North Korea"), ("Russia", "Russian")]),
        ("wrote about the reaction in Tokyo to the preparations for a meeting between Kishida Fumio",
         [("Japan", "Tokyo"), ("Japan", "Kishida Fumio"), ("North Korea", "Kim Jong-un")]),
        ("argued that Moscow and Pyongyang are finding ever more in common",
         [("Russia", "Moscow"), ("North Korea", "Pyongyang"), ("Russia", "Putin"),
          ("North Korea", "North Korea")]),
        ("are turning the DPRK into one of Russia’s partners",
         [("North Korea", "DPRK"), ("Russia", "Russia"), ("Russia", "Russia"), ("West", "the West")]),
        ("Kishida’s main pursuit is to clarify the fate",
         [("Japan", "Kishida"), ("Japan", "Japanese"), ("Japan", "LDP")]),
        ("On March 20 Kishida is expecting to fly to Seoul",
         [("Japan", "Kishida"), ("South Korea", "Seoul"), ("South Korea", "Yoon"),
          ("South Korea", "South Korean")]),
        ("rethinking the role of the United Nations and China-US relations",
         [("United Nations", "United Nations"), ("China", "China"), ("United States", "US")]),
        ("There are four types: UK or US capitalism",
         [("United Kingdom", "UK"), ("United States", "US"), ("Germany", "German"),
          ("Japan", "Japanese"), ("Soviet Union", "USSR"), ("China", "China")]),
        ("At the G20 summit in India, Modi voiced ideas",
         [("G20", "G20"), ("India", "India"), ("India", "Modi"), ("Russia", "Russia")]),
    ],
    "russia-2021-11": [
        ("Sino-Russian relations fell under the radar",
         [("China", "China"), ("China", "Sino"), ("Russia", "Russian")]),
        ("not a strong point of the Russo-Chinese entente", [("Russia", "Russo"), ("China", "Chinese")]),
        ("Putin and Xi have not met in person", [("Russia", "Putin"), ("China", "Xi")]),
        ("Everything changes after Abe departed", [("Japan", "Abe"), ("Japan", "Suga"), ("Japan", "Abe")]),
        ("Kim Jong-un from the time he took office",
         [("North Korea", "Kim Jong-un"), ("North Korea", "North Koreans")]),
        ("including ASEAN, South Korea, Japan, India, and Belarus, but not Russia",
         [("ASEAN", "ASEAN"), ("South Korea", "South Korea"), ("Japan", "Japan"), ("India", "India"),
          ("Belarus", "Belarus"), ("Russia", "Russia")]),
        ("Iaroslav Shevchenko on October 20 in Moscow Carnegie Center discussed",
         [("China", "China"), ("Russia", "Russia")]),
    ],
}


@pytest.fixture(scope="module")
def sample_tables(samples_dir):
    entries = load_corpus(samples_dir, annotate=False).entries
    sents = sentences(entries)
    return entries, sents, mentions(sents, entries)


@pytest.mark.parametrize(
    ("report_id", "snippet", "expected"),
    [(r, s, e) for r, cases in HAND_CHECKED.items() for s, e in cases],
)
def test_hand_checked_sample_sentences(sample_tables, report_id, snippet, expected):
    _, sents, table = sample_tables
    hit = sents[(sents["report_id"] == report_id) & sents["text"].str.contains(snippet, regex=False)]
    assert len(hit) == 1
    entry_id, idx = hit["entry_id"].iloc[0], hit["sentence_idx"].iloc[0]
    rows = table[(table["entry_id"] == entry_id) & (table["sentence_idx"] == idx)]
    assert list(zip(rows["actor"], rows["alias"], strict=True)) == expected


def test_sample_mentions_are_slices_of_their_sentences(sample_tables):
    entries, sents, table = sample_tables
    texts = dict(zip(entries["entry_id"], entries["text"], strict=True))
    bounds = {(e, i): (a, b) for e, i, a, b in
              zip(sents["entry_id"], sents["sentence_idx"], sents["start"], sents["end"], strict=True)}
    for row in table.itertuples():
        assert texts[row.entry_id][row.start:row.end] == row.alias
        a, b = bounds[(row.entry_id, row.sentence_idx)]
        assert a <= row.start < row.end <= b


def test_sample_counts_of_the_hard_aliases(sample_tables):
    # counted by hand in reports_raw/*.txt
    _, _, table = sample_tables
    counts = table.groupby(["report_id", "actor", "alias"]).size()
    assert counts[("russia-2024-03", "North Korea", "Pyongyang")] == 4
    assert counts[("russia-2024-03", "North Korea", "DPRK")] == 5
    assert counts[("russia-2024-03", "North Korea", "Kim Jong-un")] == 5
    assert counts[("russia-2024-03", "Japan", "Tokyo")] == 3
    assert counts[("russia-2024-03", "Japan", "Kishida")] == 4
    assert counts[("russia-2024-03", "Japan", "Kishida Fumio")] == 1
    assert counts[("russia-2021-11", "China", "Sino")] == 2
    assert not table["alias"].str.fullmatch("us|un|Moon").any()


def test_an_outlets_name_is_no_mention_of_the_actor_it_is_named_after():
    """Every spelling of a shipped outlet ("Times of India", "Tokyo Shimbun", "Jakarta Post")
    yields no mention; the actor named beside it still does."""
    from analysis.annotate.mentions import find_mentions
    from analysis.knowledge.outlets import outlets

    # (spellings that carry a place in brackets or after a comma, "International Affairs
    # (Moscow)", are the knowledge file's ways to tell outlets apart, not names as written)
    named = [s for s in outlets().spellings if find_mentions(s) and not set("(),") & set(s)]
    assert named == []
    found = find_mentions("The Times of India and Tokyo Shimbun both blamed Tokyo and New Delhi.")
    assert [(m.actor, m.alias) for m in found] == [("Japan", "Tokyo"), ("India", "New Delhi")]
