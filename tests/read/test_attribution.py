"""Attribution styles: one small string fixture per style and per quirk."""

from datetime import date

import pytest

from analysis.read.attribution import (
    Attribution,
    authors_in_text,
    parse_attribution,
    resolve_pub_date,
    split_authors,
)

STYLES = [
    # (paragraph opening, outlet, issue, (month, day), authors)
    ("In Kommersant on February 6, Nataliya Portyakova noted how China",
     "Kommersant", None, (2, 6), ("Nataliya Portyakova",)),
    ("In Kommersant, February 14, Nataliya Portyakova wrote about the reaction",
     "Kommersant", None, (2, 14), ("Nataliya Portyakova",)),
    ("Aleksandr Lomanov in Interfax on February 17 focused on China’s perspectives",
     "Interfax", None, (2, 17), ("Aleksandr Lomanov",)),
    ("On January 8 in Valdai, Andrei Bystritskii wrote about Russia-India relations",
     "Valdai Club", None, (1, 8), ("Andrei Bystritskii",)),
    ("Andrei Lankov on October 28 for the Valdai Club wrote about the hermit kingdom",
     "Valdai Club", None, (10, 28), ("Andrei Lankov",)),
    ("Andrei Lankov on November 11 in Valdai Club focused also on",
     "Valdai Club", None, (11, 11), ("Andrei Lankov",)),
    ("Vzgliad on September 29 welcomed Kishida’s rise", "Vzglyad", None, (9, 29), ()),
    ("In Vzglyad on October 5, doubts were raised about", "Vzglyad", None, (10, 5), ()),
    ("In MEiMO, no. 1, Olga N. Borokh and Alexandr V. Lomanov wrote about the evolution",
     "MEiMO", "no. 1", (None, None), ("Olga N. Borokh", "Alexandr V. Lomanov")),
    ("In Mezhdunarodnaya Gazeta, No. 10, an upbeat statement about the future",
     "Mezhdunarodnaya Gazeta", "No. 10", (None, None), ()),
    ("In Zavtra Alexander Prokhanov asked if the world would fall under China’s control",
     "Zavtra", None, (None, None), ("Alexander Prokhanov",)),
    ("In Zavtra on November 4 Chinese neosocialism was called a new spirit",
     "Zavtra", None, (11, 4), ()),
    ("On October 31 in Profil’ Zuenko reviewed China’s campaign", "Profil'", None, (10, 31), ("Zuenko",)),
    ("Ivan Zuenko in Profil’ on October 2 wrote broadly about", "Profil'", None, (10, 2), ("Ivan Zuenko",)),
    ("Iaroslav Shevchenko on October 20 in Moscow Carnegie Center discussed how",
     "Carnegie Moscow Center", None, (10, 20), ("Iaroslav Shevchenko",)),
    ("On November 15 Andrei Kirillov in TASS wrote about China’s new plenum",
     "TASS", None, (11, 15), ("Andrei Kirillov",)),
    ("On November 3 Oleg Remyga in Forbes assessed China’s attacks", "Forbes", None, (11, 3), ("Oleg Remyga",)),
    # styles of other reports: unknown outlets are recognised by the pattern
    ("The Literaturnaya Gazeta on May 5 carried Ivan Ivanov’s article on Japan",
     "Literaturnaya Gazeta", None, (5, 5), ("Ivan Ivanov",)),
    ("Kawashima Shin in the May issue of Chuo Koron argued that",
     "Chuo Koron", "May issue", (5, None), ("Kawashima Shin",)),
    ("The April issue of Mezhdunarodnaya Zhizn’ featured three articles",
     "Mezhdunarodnaya Zhizn'", "April issue", (4, None), ()),
    ("In Rossiya v Global’noi Politike, no. 2, Fyodor Lukyanov argued",
     "Russia in Global Affairs", "no. 2", (None, None), ("Fyodor Lukyanov",)),
    ("In Ekonomicheskoe Obozrenie, Sergei Ivanov and Anna Petrova wrote that",
     "Ekonomicheskoe Obozrenie", None, (None, None), ("Sergei Ivanov", "Anna Petrova")),
]


@pytest.mark.parametrize(("text", "outlet", "issue", "month_day", "authors"), STYLES)
def test_attribution_styles(text, outlet, issue, month_day, authors):
    a = parse_attribution(text)
    assert a is not None, text
    assert (a.outlet, a.issue, (a.month, a.day), a.authors) == (outlet, issue, month_day, authors)


@pytest.mark.parametrize(
    "text",
    [
        "On June 5, 2019 Russia and China declared a new epoch in their relationship",
        "Kim Jong-un’s visit to Russia followed by an exchange of foreign minister visits",
        "Neither in theory nor in practice is there a chance China would turn",
        "In Tokyo this spurred new hope.",
        "In Beijing, Xi Jinping declared a new era",
        "In these circumstances, it is not surprising that Moscow",
        "In 2024, he redoubled his effort",
        "Despite warm bilateral relations, Russia was one of the first states",
        "North Korea",
    ],
)
def test_not_attributions(text):
    assert parse_attribution(text) is None


@pytest.mark.parametrize(
    ("month", "day", "year", "period", "expected"),
    [
        (2, 17, None, "2024-03", date(2024, 2, 17)),
        (3, 15, None, "2024-03", date(2024, 3, 15)),
        (12, 28, None, "2022-01", date(2021, 12, 28)),  # December date in a January report
        (4, 2, None, "2024-03", date(2024, 4, 2)),  # a report may appear after its period
        (6, 5, 2019, "2021-11", date(2019, 6, 5)),  # an explicit year wins
        (2, 30, None, "2024-03", None),  # impossible date
        (5, None, None, "2024-03", None),  # month issue, no day
    ],
)
def test_resolve_pub_date(month, day, year, period, expected):
    assert resolve_pub_date(Attribution("X", month=month, day=day, year=year), period) == expected


def test_split_authors():
    assert split_authors("Kirill Barskii, Sergei Krasil’nikov, and Sergei Mikhnevich") == (
        "Kirill Barskii", "Sergei Krasil’nikov", "Sergei Mikhnevich")
    assert split_authors("Olga N. Borokh and Alexandr V. Lomanov") == ("Olga N. Borokh", "Alexandr V. Lomanov")


def test_authors_in_text():
    assert authors_in_text("Vzgliad welcomed it. Gevorg Mirzaian wrote that it could begin") == ("Gevorg Mirzaian",)
    assert authors_in_text(
        "An upbeat statement. Authors Kirill Barskii, Sergei Krasil’nikov, and Sergei Mikhnevich wrote that"
    ) == ("Kirill Barskii", "Sergei Krasil’nikov", "Sergei Mikhnevich")
    assert authors_in_text("Some could have come from China. Alexander Timokhin asks. He wonders") == (
        "Alexander Timokhin",)
    # officials quoted in the text are not writers; a surname alone is not enough
    assert authors_in_text("Ambassador Aleksandr Matsegora said that. Putin wrote nothing.") == ()
