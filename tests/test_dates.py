import pytest

from build_tools.dates import PartialDate, Period


@pytest.mark.parametrize("value, iso, en, ar", [
    ("2023", "2023", "2023", "2023"),
    (2023, "2023", "2023", "2023"),
    ("2023-09", "2023-09", "September 2023", "أيلول/سبتمبر 2023"),
    ("2023-08-27", "2023-08-27", "27 August 2023", "27 آب/أغسطس 2023"),
])
def test_partial_dates_keep_their_precision_in_both_languages(value, iso, en, ar):
    date = PartialDate.parse(value)
    assert (date.iso(), date.format("en"), date.format("ar")) == (iso, en, ar)


@pytest.mark.parametrize("value", ["2023-13", "2023-02-30", "23-09-01", "2023/09", "September 2023", ""])
def test_impossible_or_malformed_dates_are_refused(value):
    with pytest.raises(ValueError):
        PartialDate.parse(value)


def test_partial_dates_sort_before_the_days_they_contain():
    dates = [PartialDate.parse(v) for v in ("2023-09-05", "2023", "2023-09", "2023-08-27")]
    assert [d.iso() for d in sorted(dates, key=PartialDate.sort_key)] == \
        ["2023", "2023-08-27", "2023-09", "2023-09-05"]


@pytest.mark.parametrize("month, year", [(8, 2023), (9, 2023), (12, 2023), (1, 2024), (7, None), (3, None)])
def test_a_period_gives_the_year_its_month_falls_in_and_no_year_outside_it(month, year):
    period = Period.parse({"from": "2023-08", "to": "2024-01"})
    assert period.year_of(month) == year


@pytest.mark.parametrize("value", [{"from": "2023-08"}, {"from": "2023-09", "to": "2023-08"},
                                   {"from": "2023", "to": "2023-09"}, {"from": "2023-08-27", "to": "2023-09"}, "2023"])
def test_a_malformed_period_is_refused(value):
    with pytest.raises(ValueError):
        Period.parse(value)


@pytest.mark.parametrize("date, other, after", [
    ("2023-09", "2023-08-31", True), ("2023-09", "2023-09-10", False), ("2023-09", "2023-09", False),
    ("2023-09-11", "2023-09-10", True), ("2023-09-10", "2023-09-10", False), ("2023", "2022-12-31", True),
    ("2023", "2023-06-01", False), ("2024-01-01", "2023", True),
])
def test_a_date_is_after_another_only_when_every_day_it_may_be_is(date, other, after):
    """What check (a publication after its capture) and add (a text's dates up to the capture) ask."""
    assert PartialDate.parse(date).after(PartialDate.parse(other)) is after
