"""Deadlines: ISO dates, months, quarters, seasons, weeks and years, relative to publication."""
import datetime as dt
from unittest import mock

import dateparser
import pytest
from dateparser.search import search_dates
from hypothesis import given
from hypothesis import strategies as st

from normalize.deadlines import _RULES, _dateparser, _words, calendar_day, dateparser_day, find_deadlines, parse_deadline

MAY_2019 = dt.date(2019, 5, 15)
NOV_2020 = dt.date(2020, 11, 18)
JAN_2019 = dt.date(2019, 1, 1)

DEADLINES = [
    # text, published, value, span text
    ("Q4 2019", None, "2019-Q4", "Q4 2019"),
    ("fastställs under Q 4 2019", None, "2019-Q4", "under Q 4 2019"),
    ("Strukturförändringar: Plan för genomförande klar under Q4, 2019", None, "2019-Q4", "under Q4, 2019"),
    ("Anpassa efter bemanningsmål: Inleds redan under Q1 2019", None, "2019-Q1", "under Q1 2019"),
    ("En plan för åtgärder inom arbetsmiljö tas fram under Q3 2019", None, "2019-Q3", "under Q3 2019"),
    ("En mer exakt plan för detta ska vara klar sista kvartalet i år, men", MAY_2019, "2019-Q4", "sista kvartalet i år"),
    ("klart första kvartalet nästa år", MAY_2019, "2020-Q1", "första kvartalet nästa år"),
    ("under fjärde kvartalet 2020", None, "2020-Q4", "under fjärde kvartalet 2020"),
    ("kvartal 2 2021", None, "2021-Q2", "kvartal 2 2021"),
    ("Plan tas fram under Q3", MAY_2019, "2019-Q3", "under Q3"),
    ("Införande under hösten i slutenvården", JAN_2019, "2019", "under hösten"),
    ("Nämnderna och regionstyrelsen planerar hösten 2019.", None, "2019", "hösten 2019"),
    ("Utbildningen startar i höst.", MAY_2019, "2019", "i höst"),
    ("Omfattande utbildningsprogram inom PKS genomförs under våren.", MAY_2019, "2019", "under våren"),
    ("ska vara klart till sommaren", MAY_2019, "2019", "till sommaren"),
    ("beslut fattas i vår.", NOV_2020, "2021", "i vår"),  # spring has passed: next spring
    ("genomförs nästa höst", MAY_2019, "2020", "nästa höst"),
    ("våren 2021", None, "2021", "våren 2021"),
    ("senast den 2 mars ska konkreta sparåtgärder presenteras", NOV_2020, "2021-03-02", "senast den 2 mars"),
    ("I slutet av januari nästa år ska konsulterna vara klara", NOV_2020, "2021-01", "I slutet av januari nästa år"),
    ("beslut om regionplan i regionfullmäktige i juni 2019.", None, "2019-06", "i juni 2019"),
    ("Rapporteras senast 2020.", None, "2020", "senast 2020"),
    ("ska senast år 2040 uppgå till hela pensionsskulden", None, "2040", "senast år 2040"),
    ("återställs senast 2023", None, "2023", "senast 2023"),
    ("vara klart 2021", None, "2021", "klart 2021"),
    ("i slutet av 2021", None, "2021", "i slutet av 2021"),
    ("ska vara genomfört i år", MAY_2019, None, None),
    ("klart i år", MAY_2019, "2019", "klart i år"),
    ("2 mars 2021", None, "2021-03-02", "2 mars 2021"),
    ("den 15 december", NOV_2020, "2020-12-15", "den 15 december"),
    ("senast den 15 oktober", NOV_2020, "2021-10-15", "senast den 15 oktober"),
    ("den 29 februari", NOV_2020, "2024-02-29", "den 29 februari"),
    ("Beslut tas den 3:e oktober 2021", None, "2021-10-03", "den 3:e oktober 2021"),
    ("klart 1 febr. 2021", None, "2021-02-01", "1 febr. 2021"),
    ("senast den 2/3", NOV_2020, "2021-03-02", "senast den 2/3"),
    ("2021-03-31", None, "2021-03-31", "2021-03-31"),
    ("i juni", NOV_2020, "2021-06", "i juni"),
    ("i november", NOV_2020, "2020-11", "i november"),
    ("senast september", NOV_2020, "2021-09", "senast september"),
    ("dec 2021", None, "2021-12", "dec 2021"),
    ("första tertialet 2020", None, "2020-04", "första tertialet 2020"),
    ("T2 2021", None, "2021-08", "T2 2021"),
    ("andra halvåret 2021", None, "2021-12", "andra halvåret 2021"),
    ("vecka 12", NOV_2020, "2021-03-22", "vecka 12"),
    ("v. 50", NOV_2020, "2020-12-07", "v. 50"),
    ("vecka 12, 2021", None, "2021-03-22", "vecka 12, 2021"),
]


@pytest.mark.parametrize("text,published,value,span", DEADLINES)
def test_parse_deadline(text, published, value, span):
    found = parse_deadline(text, published)
    if value is None:
        assert found is None
        return
    assert found[0] == value
    assert text[found[1]:found[2]] == span


@pytest.mark.parametrize("text,published", [
    ("Q3", None),  # no year and nothing to resolve it against
    ("den 15 december", None),
    ("i höst", None),
    ("Vi vill utveckla vården i vår verksamhet", MAY_2019),  # "vår" = our
    ("Hösten var svår för vården", MAY_2019),
    ("Expertstöd på plats 2020-11-18 11:11", None),  # a time stamp
    ("effektiviserar med 10 procent, dvs 3 mnkr, år 2020", None),  # a period, not a deadline
    ("ett positivt resultat på 35 miljoner kronor för 2018", None),
    ("Totalt handlar det om 565 miljoner kronor åren 2020–2022.", None),
    ("från 2020 till 2023", None),
    ("I oktober beslutades att upphandla ett konsultstöd", NOV_2020),  # a past event
    ("I början av september lämnade ledningsgruppen ett förslag", NOV_2020),
    ("Specialistvården har årliga växande underskott", NOV_2020),
    ("de närmaste åren", NOV_2020),
    ("avvikelse på -221 miljoner kronor vid delårsrapport per april.", NOV_2020),  # a bare month
    ("Den största förändringen under 2000-talet", None),
    ("2021-02-30", None),
])
def test_no_deadline(text, published):
    assert parse_deadline(text, published) is None


def test_finds_every_deadline_in_order():
    text = ("I slutet av januari nästa år ska konsulterna vara klara med sin slutrapport och senast "
            "den 2 mars ska konkreta sparåtgärder presenteras för hälso- och sjukvårdsnämnden.")
    assert [v for v, _, _ in find_deadlines(text, NOV_2020)] == ["2021-01", "2021-03-02"]


# --- dateparser failures worked around: what dateparser returns, and what we return ---

def _dp(text, published, **settings):
    base = dt.datetime(published.year, published.month, published.day)
    return dateparser.parse(text, languages=["sv"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future", **settings})


def test_dateparser_reads_day_13_and_up_as_a_year():
    assert _dp("den 15 december", NOV_2020) == dt.datetime(2115, 12, 18)
    assert parse_deadline("den 15 december", NOV_2020)[0] == "2020-12-15"


def test_dateparser_reads_day_slash_month_as_month_first():
    assert _dp("2/3 2021", NOV_2020) == dt.datetime(2021, 2, 3)
    assert parse_deadline("den 2/3 2021", NOV_2020)[0] == "2021-03-02"


def test_dateparser_gives_up_on_cue_words():
    assert _dp("senast den 2 mars", NOV_2020) is None
    assert parse_deadline("senast den 2 mars", NOV_2020)[0] == "2021-03-02"


def test_dateparser_gives_up_on_a_leading_preposition():
    assert _dp("i juni 2019", NOV_2020) is None
    assert parse_deadline("i juni 2019", NOV_2020)[0] == "2019-06"


def test_dateparser_invents_a_day_for_a_month():
    assert _dp("juni 2019", NOV_2020) == dt.datetime(2019, 6, 18)
    assert parse_deadline("juni 2019", NOV_2020)[0] == "2019-06"


def test_dateparser_reads_a_quarter_as_a_day():
    assert _dp("Q4 2019", NOV_2020) == dt.datetime(2019, 11, 18)
    assert parse_deadline("Q4 2019", NOV_2020)[0] == "2019-Q4"


def test_dateparser_knows_no_quarter_words():
    assert _dp("sista kvartalet i år", MAY_2019) is None
    assert parse_deadline("sista kvartalet i år", MAY_2019)[0] == "2019-Q4"


def test_dateparser_knows_no_seasons():
    assert _dp("hösten 2019", MAY_2019) is None
    assert _dp("i höst", MAY_2019) is None
    assert parse_deadline("hösten 2019", MAY_2019)[0] == "2019"
    assert parse_deadline("i höst", MAY_2019)[0] == "2019"


def test_dateparser_knows_no_next_year_after_a_month():
    assert _dp("i slutet av januari nästa år", NOV_2020) is None
    assert _dp("januari nästa år", NOV_2020) is None
    assert parse_deadline("i slutet av januari nästa år", NOV_2020)[0] == "2021-01"


def test_dateparser_knows_no_weeks():
    assert _dp("vecka 12", NOV_2020) is None
    assert parse_deadline("vecka 12", NOV_2020)[0] == "2021-03-22"


def test_dateparser_knows_no_dotted_abbreviation_febr():
    assert _dp("1 febr. 2021", NOV_2020, DATE_ORDER="DMY") is None
    assert parse_deadline("1 febr. 2021", NOV_2020)[0] == "2021-02-01"


def test_dateparser_search_splits_running_text_into_garbage():
    text = "I slutet av januari nästa år ska konsulterna vara klara och senast den 2 mars ska förslag presenteras."
    found = search_dates(text, languages=["sv"], settings={"RELATIVE_BASE": dt.datetime(2020, 11, 18), "PREFER_DATES_FROM": "future"})
    assert ("nästa år", dt.datetime(2021, 11, 18)) in found  # "nästa år" read as a date of its own
    assert ("januari", dt.datetime(2021, 1, 18)) in found  # with an invented day
    assert [v for v, _, _ in find_deadlines(text, NOV_2020)] == ["2021-01", "2021-03-02"]


# --- properties ---

@given(st.integers(1990, 2099), st.integers(1, 4), st.sampled_from(["Q{q} {y}", "Q {q} {y}", "Q{q}, {y}", "under Q{q} {y}", "kvartal {q} {y}"]))
def test_quarters_round_trip(year, quarter, form):
    assert parse_deadline(form.format(q=quarter, y=year), None)[0] == f"{year}-Q{quarter}"


@given(st.integers(1990, 2099), st.sampled_from(["senast {y}", "till {y}", "före {y}", "i slutet av {y}", "hösten {y}", "senast år {y}"]))
def test_years_round_trip(year, form):
    assert parse_deadline(form.format(y=year), None)[0] == str(year)


MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]


@given(st.dates(dt.date(1995, 1, 1), dt.date(2099, 12, 31)))
def test_written_dates_round_trip(day):
    text = f"senast den {day.day} {MONTHS[day.month - 1]} {day.year}"
    assert parse_deadline(text, None)[0] == day.isoformat()


@given(st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)), st.integers(1, 12))
def test_month_without_year_is_the_next_occurrence(published, month):
    value = parse_deadline(f"ska vara klart i {MONTHS[month - 1]}", published)[0]
    year, mon = map(int, value.split("-"))
    assert mon == month
    assert (year, mon) >= (published.year, published.month)
    assert (year, mon) < (published.year + 1, published.month)


# --- own rules for days and months of the calendar, equal to dateparser's reading of the phrase ---

MONTH_WORDS = sorted(_words("month"))  # "februari", "febr", "feb", …
PUBLISHED = st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)))
YEARS = st.one_of(st.none(), st.integers(1990, 2099))  # the years a deadline phrase may name


@pytest.mark.parametrize("text, published, value", [
    ("Beslutet ska verkställas senast den 15 mars 2022", None, "2022-03-15"),
    ("senast den 15 mars ska förslagen presenteras", dt.date(2021, 3, 15), "2022-03-15"),  # that day has passed
    ("senast den 16 mars ska förslagen presenteras", dt.date(2021, 3, 15), "2021-03-16"),
    ("rapporteras den 29 februari", dt.date(2021, 3, 1), "2024-02-29"),  # the next leap year
    ("ska vara klart den 2/3", NOV_2020, "2021-03-02"),
    ("besked lämnas senast 30/11 2021", None, "2021-11-30"),
    ("beslut tas den 1 febr. 2021", None, "2021-02-01"),
])
def test_days_of_the_calendar(text, published, value):
    assert parse_deadline(text, published)[0] == value


def test_a_day_the_calendar_lacks_is_none():
    assert calendar_day(31, 4, 2021, None) is None
    assert calendar_day(30, 2, None, NOV_2020) is None
    assert parse_deadline("senast den 31 april 2021", None)[0] == "2021-04"  # its month is still read


def _in_calendar(day: int, month: int, year: int | None) -> bool:
    try:
        dt.date(year or 2000, month, day)  # 2000: a leap year, for "29 februari" without a year
    except ValueError:
        return False
    return True


def _same_as_dateparser(day: int, month: int, year: int | None, published: dt.date | None, phrase: str) -> None:
    """The own rule reads every day of the calendar as dateparser does; what it leaves (None), the
    days the calendar lacks, goes to dateparser."""
    own = calendar_day(day, month, year, published)
    if _in_calendar(day, month, year):
        assert own == dateparser_day(phrase, published)
    else:
        assert own is None


@given(st.integers(0, 39), st.sampled_from(MONTH_WORDS), YEARS, PUBLISHED)
def test_day_month_rule_is_dateparsers_reading(day, word, year, published):
    if year is None and published is None:
        return  # not read at all: nothing to resolve the day against
    month = int(_words("month")[word])
    full = max((w for w, n in _words("month").items() if int(n) == month), key=len)
    _same_as_dateparser(day, month, year, published, f"{day} {full}" + (f" {year}" if year else ""))


@given(st.integers(0, 39), st.integers(1, 12), YEARS, PUBLISHED)
def test_numeric_day_rule_is_dateparsers_reading(day, month, year, published):
    if year is None and published is None:
        return
    _same_as_dateparser(day, month, year, published, f"{day}/{month}" + (f" {year}" if year else ""))


@given(st.sampled_from(MONTH_WORDS), st.integers(1990, 2099), PUBLISHED)
def test_month_of_a_year_is_dateparsers_reading(word, year, published):
    text = f"ska vara klart i {word} {year}"
    data = _dateparser(published).get_date_data(f"{max((w for w, n in _words('month').items() if n == _words('month')[word]), key=len)} {year}")
    assert data.period == "month"
    assert parse_deadline(text, published)[0] == f"{data.date_obj.year}-{data.date_obj.month:02d}"


WORDS = [text for text, *_ in DEADLINES] + ["2021", "Q", "kv", "t 2", "/", "vecka", "i år", "nästa år", "juni", "hösten",
                                            "beslutades", "senast", "den 3", " ", ", ", ". "]


@given(st.lists(st.sampled_from(WORDS), max_size=6), PUBLISHED)
def test_quick_tests_drop_no_deadline(parts, published):
    """A rule's pattern runs only on texts holding what it needs (a digit, a month name, …): the same
    deadlines as running every pattern on every text."""
    text = " ".join(parts)
    found = find_deadlines.__wrapped__(text, published)
    with mock.patch("normalize.deadlines._rules_for", lambda text: {name for name, _ in _RULES}):
        assert found == find_deadlines.__wrapped__(text, published)
