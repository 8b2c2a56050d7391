"""The artist importer: encodings, separators, each bad-row reason, idempotency."""

import re

import sqlalchemy as sa

from kunstrute.route.csvfile import read_table
from kunstrute.route.importer import COLUMNS, REQUIRED_COLUMNS, import_artists
from kunstrute.route.models import Artist, Participation, Studio
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
    table = read_table(text.encode(encoding), known=COLUMNS, required=REQUIRED_COLUMNS)
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

    from kunstrute.route.csvfile import UnusableInput

    for data, message in [
        (b"", "empty"),
        (b"PK\x03\x04rest", "Excel"),
        (b"just one line without separators\n", "no commas or semicolons"),
        (b"navn;telefon\nA;1\n", "lacks the column(s) address, email, municipality"),
    ]:
        with pytest.raises(UnusableInput, match=re.escape(message)):
            read_table(data, known=COLUMNS, required=REQUIRED_COLUMNS)


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
