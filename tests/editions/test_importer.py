"""The artist importer: encodings, separators, each bad-row reason, idempotency."""

import re
from datetime import date, time

import sqlalchemy as sa

from kunstrute.editions.artist_rows import read_artists_csv
from kunstrute.editions.importer import import_artists
from kunstrute.editions.models import Artist, Participation, Studio
from tests import factories

HEADER = ("catalogue_no;name;email;phone;website;disciplines;bio;studio_name;address;postcode;"
          "place;municipality;lat;lon;wheelchair_access;new_this_year")
GOOD = [
    "1;Åse Bjørnstad;ase@example.org;912 34 567;www.bjornstad.example.no;keramikk|tegning;"
    "Glasur fra fjæra, «blå» og grå.;Atelier Bjørnstad;Søndre gate 4;3400;Lier;Lier;59.78;10.24;"
    "ja;x",
    "2;Kåre Ødegård;kare@example.org;;;painting;Maleri;Låven;Gamle vei 7;3400;Lier;Lier;;;nei;",
]


def rows_of(text: str, encoding: str = "utf-8"):
    table = read_artists_csv(text.encode(encoding))
    return table


def run_import(db, text, encoding="utf-8", year=2027):
    edition = factories.edition(year)
    table = rows_of(text, encoding)
    report = import_artists(rows=table.rows, edition=edition)
    db.session.commit()
    return report


def test_semicolon_windows_1252_with_norwegian_letters_imports(db):
    factories.municipality("Lier")
    report = run_import(db, "\r\n".join([HEADER, *GOOD]) + "\r\n", encoding="cp1252")
    assert (report.created, report.rejected) == (2, [])
    artist = db.session.scalar(sa.select(Artist).where(Artist.email == "ase@example.org"))
    assert artist.name == "Åse Bjørnstad"
    assert artist.bio == "Glasur fra fjæra, «blå» og grå."
    assert artist.discipline_keys == ["ceramics", "drawing"]
    assert artist.website == "https://www.bjornstad.example.no"
    assert artist.slug == "ase-bjornstad"
    participation = artist.participations[0]
    assert participation.new_this_year is True and participation.catalogue_no == 1
    assert participation.studio.wheelchair_access is True


def test_utf8_with_bom_and_commas(db):
    factories.municipality("Lier")
    text = "\ufeff" + "\n".join(line.replace(";", ",").replace("Glasur fra fjæra, «blå» og grå.",
                                                              '"Glasur, fjære"')
                                for line in [HEADER, *GOOD])
    report = run_import(db, text)
    assert report.created == 2 and not report.rejected
    assert db.session.scalar(sa.select(Artist.bio).where(Artist.email == "ase@example.org")) \
        == "Glasur, fjære"


def test_every_bad_row_is_named_with_its_line_and_good_rows_stay(db):
    factories.municipality("Lier")
    bad = [
        "3;;noname@example.org;;;painting;;;Vei 1;3400;Lier;Lier;;;;",
        "4;Per Feil;ikke-en-epost;;;painting;;;Vei 2;3400;Lier;Lier;;;;",
        "5;Lat Lon;latlon@example.org;;;painting;;;Vei 3;3400;Lier;Lier;10.2;59.7;;",
        "6;Utenfor;ute@example.org;;;painting;;;Vei 4;3400;Lier;Lier;40.1;2.3;;",
        "7;Ukjent Kommune;kommune@example.org;;;painting;;;Vei 5;3400;Lier;Atlantis;;;;",
        "2;Kåre Ødegård;kare@example.org;;;painting;Maleri;Låven;Gamle vei 7;3400;Lier;Lier;;;nei;",
        "8;Rart Fag;fag@example.org;;;basket weaving;;;Vei 6;3400;Lier;Lier;;;;",
        "9;Skript;js@example.org;;javascript:alert(1);painting;;;Vei 7;3400;Lier;Lier;;;;",
        "10;Kanskje;kanskje@example.org;;;painting;;;Vei 8;3400;Lier;Lier;;;kanskje;",
        "1;Dobbel Nummer;nummer@example.org;;;painting;;;Vei 9;3400;Lier;Lier;;;;",
    ]
    report = run_import(db, "\n".join([HEADER, *GOOD, *bad]))
    reasons = {e.line: e.reason for e in report.rejected}
    assert report.created == 2
    assert "name is missing" in reasons[4]
    assert "not a valid address" in reasons[5]
    assert "outside Norway (lat and lon swapped?)" in reasons[6]
    assert "outside Norway" in reasons[7]
    assert "unknown municipality 'Atlantis'" in reasons[8]
    assert "also on line 3" in reasons[9]
    assert "unknown discipline 'basket weaving'" in reasons[10]
    assert "not an http(s) address" in reasons[11]
    assert "'kanskje' is not yes or no" in reasons[12]
    assert "catalogue number 1 is also on line 2" in reasons[13]
    assert len(reasons) == 10
    assert db.session.scalar(sa.select(sa.func.count(Artist.id))) == 2


def test_second_import_changes_nothing_and_edits_update(db):
    factories.municipality("Lier")
    text = "\n".join([HEADER, *GOOD])
    run_import(db, text)
    stamps = db.session.execute(sa.select(Artist.id, Artist.updated_at)).all()
    edition = factories.edition(2027)
    again = import_artists(rows=rows_of(text).rows, edition=edition)
    db.session.commit()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert db.session.execute(sa.select(Artist.id, Artist.updated_at)).all() == stamps
    assert db.session.scalar(sa.select(sa.func.count(Studio.id))) == 2
    assert db.session.scalar(sa.select(sa.func.count(Participation.id))) == 2

    edited = text.replace("Kåre Ødegård;kare@example.org", "Kåre Ødegård-Li;kare@example.org")
    third = import_artists(rows=rows_of(edited).rows, edition=edition)
    db.session.commit()
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    assert db.session.scalar(sa.select(Artist.name).where(Artist.email == "kare@example.org")) \
        == "Kåre Ødegård-Li"


def test_shared_studio_is_one_studio_and_missing_numbers_are_assigned(db):
    factories.municipality("Lier")
    rows = [
        "name;email;disciplines;address;postcode;place;municipality",
        "En;en@example.org;glass;Verkstedveien 1;3400;Lier;Lier",
        "To;to@example.org;glass;Verkstedveien  1;3400;Lier;lier",
    ]
    report = run_import(db, "\n".join(rows))
    assert report.created == 2
    studios = db.session.scalars(sa.select(Studio)).all()
    assert len(studios) == 1 and len(report.unplaced) == 1
    numbers = sorted(db.session.scalars(sa.select(Participation.catalogue_no)))
    assert numbers == [1, 2]


def test_unusable_files_are_refused_whole():
    import pytest

    from kunstrute.csvfile import UnusableInput

    for data, message in [
        (b"", "empty"),
        (b"PK\x03\x04rest", "Excel"),
        (b"just one line without separators\n", "no commas or semicolons"),
        (b"navn;telefon\nA;1\n", "lacks the column(s) address, email, municipality"),
    ]:
        with pytest.raises(UnusableInput, match=re.escape(message)):
            read_artists_csv(data)


def test_a_header_with_thousands_of_columns_is_refused_before_any_work():
    import pytest

    from kunstrute.csvfile import UnusableInput

    header = "name;email;address;municipality;" + ";".join(f"c{i}" for i in range(1000))
    with pytest.raises(UnusableInput, match=r"1004 columns; at most 200"):
        read_artists_csv((header + "\nA;a@example.com;Vei 1;Lier\n").encode())


def test_a_file_over_the_size_limit_is_refused_with_its_size():
    import pytest

    from kunstrute.csvfile import UnusableInput, read_table

    data = b"name;email\n" + b"A;a@example.com\n" * 400_000
    with pytest.raises(UnusableInput, match=r"6\.4 MB; at most 5\.2 MB"):
        read_artists_csv(data)
    with pytest.raises(UnusableInput, match=r"at most 0\.0 MB"):
        read_table(b"a;b\n1;2\n", known={"a"}, required=set(), max_bytes=3)


def test_duplicated_columns_are_named_once_each():
    import pytest

    from kunstrute.csvfile import UnusableInput, read_table

    with pytest.raises(UnusableInput, match=r"twice: a, b\.$"):
        read_table(b"a;b;a;b;b;c\n1;2;3;4;5;6\n", known={"a"}, required=set())


def test_norwegian_headers_and_multiline_bio_keep_line_numbers():
    text = ('navn;e-post;adresse;kommune;fagfelt;biografi\n'
            'A;a@example.org;Vei 1;Lier;maleri;"første linje\nandre linje"\n'
            'B;b@example.org;Vei 2;Lier;grafikk;kort\n')
    table = rows_of(text)
    assert [line for line, _ in table.rows] == [2, 4]
    assert table.rows[0][1]["bio"] == "første linje\nandre linje"


def test_access_columns_import_and_are_left_alone_when_a_file_lacks_them(db):
    factories.municipality("Lier")
    with_access = (HEADER + ";parkering;kortbetaling;toalett\n"
                   + "\n".join(row + ";ja;x;nei" for row in GOOD) + "\n")
    report = run_import(db, with_access)
    assert not report.rejected
    studio = db.session.scalar(sa.select(Studio).where(Studio.address == "Søndre gate 4"))
    assert (studio.parking, studio.card_payment, studio.accessible_toilet) == (True, True, False)
    table = rows_of(HEADER + "\n" + "\n".join(GOOD) + "\n")  # an older file: no such columns
    import_artists(rows=table.rows, edition=studio.participations[0].edition)
    db.session.commit()
    db.session.refresh(studio)
    assert (studio.parking, studio.card_payment) == (True, True)


def participation_of(db, email):
    return db.session.scalar(sa.select(Participation).join(Artist).where(Artist.email == email))


def test_hours_and_days_import_under_norwegian_names_in_windows_1252(db):
    factories.municipality("Lier")
    text = (HEADER + ";åpningstid;dager\r\n"
            + GOOD[0] + ";12.00–16.00;11.09.|12.9.\r\n"
            + GOOD[1] + ";11:00-17:00;2027-09-11|2027-09-12|2027-09-18|2027-09-19\r\n")
    report = run_import(db, text, encoding="cp1252")
    assert (report.created, report.rejected) == (2, [])
    own = participation_of(db, "ase@example.org")
    assert (own.opens_at, own.closes_at) == (time(12), time(16))
    assert [k.day for k in own.kept_days] == [date(2027, 9, 11), date(2027, 9, 12)]
    usual = participation_of(db, "kare@example.org")  # the edition's hours and every day
    assert (usual.opens_at, usual.kept_days, usual.has_own_opening) == (None, [], False)


def test_bad_hours_and_days_name_the_line_and_the_column(db):
    factories.municipality("Lier")
    row = "{n};Per {n};per{n}@example.org;;;painting;;;Vei {n};3400;Lier;Lier;;;;;{hours};{days}"
    bad = [row.format(n=n, hours=h, days=d) for n, h, d in [
        (3, "25-17", ""), (4, "17-11", ""), (5, "fra 11", ""), (6, "", "2027-09-13"),
        (7, "", "31.9."), (8, "12-16", "12.09.|søndag"),
    ]]
    good = [g + ";11-15;" for g in GOOD]
    report = run_import(db, "\n".join([HEADER + ";hours;days", *good, *bad]))
    reasons = {e.line: e.reason for e in report.rejected}
    assert report.created == 2 and sorted(reasons) == [4, 5, 6, 7, 8, 9]
    assert reasons[4].startswith("hours: '25-17' is not a time of day")
    assert reasons[5].startswith("hours: in '17-11' the closing time is not after")
    assert reasons[6].startswith("hours: 'fra 11' is not opening hours like 11-17")
    assert reasons[7] == ("days: 2027-09-13 is not an open day of 2027 (the open days are "
                          "2027-09-11, 2027-09-12, 2027-09-18, 2027-09-19)")
    assert reasons[8].startswith("days: '31.9.' is not a date")
    assert reasons[9].startswith("days: 'søndag' is not a date")
    assert participation_of(db, "ase@example.org").opens_at == time(11)


def test_hours_import_twice_changes_nothing_and_older_files_leave_them_alone(db):
    factories.municipality("Lier")
    text = (HEADER + ";hours;days\n" + GOOD[0] + ";12-16;2027-09-18\n"
            + GOOD[1] + ";;\n")
    run_import(db, text)
    edition = factories.edition(2027)
    again = import_artists(rows=rows_of(text).rows, edition=edition)
    assert (again.updated, again.unchanged) == (0, 2)
    older = import_artists(rows=rows_of("\n".join([HEADER, *GOOD])).rows, edition=edition)
    db.session.commit()
    assert (older.updated, older.unchanged) == (0, 2)
    own = participation_of(db, "ase@example.org")
    assert (own.opens_at, [k.day for k in own.kept_days]) == (time(12), [date(2027, 9, 18)])
    cleared = import_artists(rows=rows_of(text.replace(";12-16;2027-09-18", ";;")).rows,
                             edition=edition)
    db.session.commit()
    assert cleared.updated == 1
    db.session.refresh(own)
    assert (own.opens_at, own.kept_days) == (None, [])


def test_the_sample_file_gives_some_artists_their_own_hours(db, app):
    from kunstrute.config import REPO_DATA_DIR

    factories.region(REPO_DATA_DIR)
    edition = factories.edition(2027, open_days=[date(2027, 9, 11), date(2027, 9, 12),
                                                 date(2027, 9, 18), date(2027, 9, 19)])
    table = read_artists_csv((REPO_DATA_DIR / "artists.csv").read_bytes())
    report = import_artists(rows=table.rows, edition=edition)
    assert (report.created, report.rejected) == (105, [])
    own = db.session.scalars(sa.select(Participation).where(
        sa.or_(Participation.opens_at.is_not(None), Participation.kept_days.any()))).all()
    assert 5 <= len(own) <= 15


def test_no_yes_and_not_stated_stay_apart_from_the_file_to_the_pages(client, db):
    factories.municipality("Lier")
    header = HEADER + ";parking"
    rows = [  # step-free: ja, nei, empty; parking: ja, empty, nei
        "1;Anne Ja;anne@example.org;;;maleri;;;Vei 1;3400;Lier;Lier;59.78;10.24;ja;;ja",
        "2;Berit Nei;berit@example.org;;;maleri;;;Vei 2;3400;Lier;Lier;59.78;10.24;nei;;",
        "3;Cato Tom;cato@example.org;;;maleri;;;Vei 3;3400;Lier;Lier;59.78;10.24;;;nei",
        "4;Dina Kanskje;dina@example.org;;;maleri;;;Vei 4;3400;Lier;Lier;59.78;10.24;kanskje;;",
    ]
    report = run_import(db, "\n".join([header, *rows]))
    assert [e.reason for e in report.rejected] == [
        "wheelchair_access 'kanskje' is not yes or no (ja/nei, x, or empty when not stated)"]
    answers = db.session.execute(sa.select(Studio.wheelchair_access, Studio.parking)
                                 .order_by(Studio.address)).all()
    assert [tuple(a) for a in answers] == [(True, True), (False, None), (None, False)]

    listing = client.get("/artists").get_data(as_text=True)
    cards = [listing.split(name)[1].split("</li>")[0] for name in ("Anne Ja", "Berit Nei",
                                                                    "Cato Tom")]
    assert ["Trinnfri inngang: ja" in cards[0], "Trinnfri inngang: nei" in cards[1],
            "Trinnfri inngang: ikke oppgitt" in cards[2]] == [True, True, True]
    berit = client.get("/artists/berit-nei").get_data(as_text=True)
    assert "Trinnfri inngang: nei" in berit and "Parkering: ikke oppgitt" in berit
    cato = client.get("/artists/cato-tom").get_data(as_text=True)
    assert "Trinnfri inngang: ikke oppgitt" in cato and "Parkering: nei" in cato
    step_free = client.get("/artists?wheelchair=1").get_data(as_text=True)
    assert "Anne Ja" in step_free and "Berit Nei" not in step_free
    assert "Cato Tom" not in step_free
