"""import-counts and import-sales: line-numbered errors, good rows kept, idempotent, the
edition from the dates, the lock respected, sales of a venue's day replaced as a whole."""

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from kunstrute.audit.models import AuditEntry
from kunstrute.counting.models import (
    CountingSettings,
    CountSource,
    Sale,
    SaleSource,
    VisitCount,
)
from kunstrute.editions.models import ParticipationStatus
from tests import factories
from tests.stats.factories import exhibition, sale, studio


def write(tmp_path, lines, name="file.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def counts(db):
    return {(v, d, CountSource(s)): c for v, d, s, c in db.session.execute(
        sa.select(VisitCount.venue_id, VisitCount.day, VisitCount.source, VisitCount.count))}


@pytest.fixture
def edition(db):
    edition = factories.edition(2027)
    studio(edition, catalogue_no=1)
    studio(edition, catalogue_no=2)
    gone = studio(edition, catalogue_no=3)
    gone.participation.status = ParticipationStatus.WITHDRAWN
    exhibition(edition)
    db.session.commit()
    return edition


COUNTS = ["date,venue,visitors,source",
          "2027-09-11,1,40,reported",
          "2027-09-11,1,12,qr",
          "11.09.2027,exhibition,300,door_counter",
          "2027-09-30,2,5,reported",
          "2027-09-12,99,5,reported",
          "2027-09-12,2,-4,reported",
          "2027-09-12,2,1.5,magic",
          "2027-09-12,3,8,reported",
          "2027-09-12,2,500000,reported"]


def test_import_counts_keeps_the_good_rows_names_the_bad_lines_and_is_idempotent(
        runner, db, edition, tmp_path):
    path = write(tmp_path, COUNTS)
    result = runner.invoke(args=["import-counts", str(path)])
    assert result.exit_code == 1, result.output
    assert "Counts 2027: 3 new, 0 updated, 0 unchanged rows; 6 lines rejected." in result.output
    for expected in ["line 5: rejected: date: 2027-09-30 is outside the edition 2027",
                     "line 6: rejected: venue: no artist has catalogue number 99 in 2027",
                     "line 7: rejected: visitors: -4 is negative",
                     "line 8: rejected: visitors: '1.5' is not a whole number; source: 'magic'",
                     "line 9: rejected: venue: catalogue number 3 is not on the route in 2027",
                     "line 10: rejected: visitors: 500000 is more than 100000"]:
        assert expected in result.output
    stored = counts(db)
    assert sorted(stored.values()) == [12, 40, 300]
    entries = db.session.scalar(sa.select(sa.func.count(AuditEntry.id)))
    assert db.session.scalar(sa.select(AuditEntry.actor_label)) == "cli"
    again = runner.invoke(args=["import-counts", str(path)])
    assert "0 new, 0 updated, 3 unchanged" in again.output
    assert counts(db) == stored
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == entries


def test_a_corrected_count_is_set_not_added(runner, db, edition, tmp_path):
    runner.invoke(args=["import-counts", str(write(tmp_path, COUNTS[:2]))])
    fixed = write(tmp_path, [COUNTS[0], "2027-09-11,1,45,reported"], name="fixed.csv")
    result = runner.invoke(args=["import-counts", str(fixed)])
    assert result.exit_code == 0 and "0 new, 1 updated" in result.output
    assert list(counts(db).values()) == [45]


def test_two_lines_for_the_same_count_are_both_rejected(runner, db, edition, tmp_path):
    path = write(tmp_path, [COUNTS[0], "2027-09-11,1,40,reported", "2027-09-11,1,41,reported"])
    result = runner.invoke(args=["import-counts", str(path)])
    assert result.exit_code == 1
    assert "line 3: rejected: lines 2, 3 give visitors for the same venue" in result.output
    assert counts(db) == {}


def test_a_count_above_the_edition_s_threshold_is_kept_with_a_warning(runner, db, edition,
                                                                      tmp_path):
    path = write(tmp_path, [COUNTS[0], "2027-09-11,exhibition,2000,door_counter"])
    result = runner.invoke(args=["import-counts", str(path)])
    assert result.exit_code == 0
    assert "line 2: imported, but 2000 visitors in a day is more than 1500" in result.output


def test_unusable_input_exits_2_and_writes_nothing(runner, db, edition, tmp_path):
    missing = runner.invoke(args=["import-counts", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 2
    wrong = runner.invoke(args=["import-counts", str(write(tmp_path, ["date,venue", "x,1"]))])
    assert wrong.exit_code == 2 and "lacks the column(s) source, visitors" in wrong.output
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"date,venue\x00")
    assert runner.invoke(args=["import-counts", str(binary)]).exit_code == 2
    nowhere = write(tmp_path, [COUNTS[0], "2031-09-11,1,4,reported"], name="n.csv")
    result = runner.invoke(args=["import-counts", str(nowhere)])
    assert result.exit_code == 2 and "--edition" in result.output
    assert counts(db) == {}


def test_a_file_spanning_two_editions_is_refused(runner, db, edition, tmp_path):
    factories.edition(2026)
    db.session.commit()
    path = write(tmp_path, [COUNTS[0], "2027-09-11,1,4,reported", "2026-09-11,1,4,reported"])
    result = runner.invoke(args=["import-counts", str(path)])
    assert result.exit_code == 2
    assert "spans several editions (2026: lines 3–3; 2027: lines 2–2)" in result.output
    named = runner.invoke(args=["import-counts", str(path), "--edition", "2027"])
    assert named.exit_code == 1 and "line 3: rejected: date: 2026-09-11 is outside" in (
        named.output)


def test_a_locked_edition_is_refused(runner, db, edition, tmp_path):
    db.session.add(CountingSettings(edition_id=edition.id, locked_at=datetime(2027, 10, 1)))
    db.session.commit()
    result = runner.invoke(args=["import-counts", str(write(tmp_path, COUNTS[:2]))])
    assert result.exit_code == 2 and "are locked" in result.output
    assert counts(db) == {}


SALES = ["date,venue,amount_nok,works",
         "2027-09-11,1,5000,1",
         "2027-09-11,1,\"7 500\",2",
         "2027-09-12,exhibition,12000,1",
         "2027-09-12,2,abc,1"]


def imported_sales(db):
    return sorted((s.day, s.amount_nok, s.works) for s in db.session.scalars(
        sa.select(Sale).where(Sale.source == SaleSource.IMPORTED)))


def test_import_sales_adds_a_day_s_lines_and_replaces_them_on_import(runner, db, edition,
                                                                     tmp_path):
    reported = sale(studio(edition, catalogue_no=4), date(2027, 9, 11), 999)
    db.session.commit()
    path = write(tmp_path, SALES)
    result = runner.invoke(args=["import-sales", str(path)])
    assert result.exit_code == 1
    assert "2 new, 0 updated, 0 unchanged venue-days; 1 lines rejected" in result.output
    assert "line 5: rejected: amount_nok: 'abc' is not a whole number" in result.output
    assert imported_sales(db) == [(date(2027, 9, 11), 12500, 3), (date(2027, 9, 12), 12000, 1)]
    again = runner.invoke(args=["import-sales", str(path)])
    assert "0 new, 0 updated, 2 unchanged" in again.output
    fixed = write(tmp_path, [SALES[0], "2027-09-11,1,6000,1"], name="fixed.csv")
    assert runner.invoke(args=["import-sales", str(fixed)]).exit_code == 0
    assert imported_sales(db) == [(date(2027, 9, 11), 6000, 1), (date(2027, 9, 12), 12000, 1)]
    assert db.session.get(Sale, reported.id).amount_nok == 999  # the artist's own is kept


def test_a_rejected_line_keeps_its_whole_venue_day_out(runner, db, edition, tmp_path):
    path = write(tmp_path, [SALES[0], "2027-09-11,1,5000,1", "2027-09-11,1,5000,-1"])
    result = runner.invoke(args=["import-sales", str(path)])
    assert result.exit_code == 1
    assert "line 2: rejected: line 3, for the same venue and day, was rejected" in result.output
    assert imported_sales(db) == []
