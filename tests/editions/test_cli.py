"""The commands organisers run: import-artists (exit codes 0/1/2), edition, demo's accounts
(the demo itself: tests/test_demo.py)."""

from datetime import date

import sqlalchemy as sa

from kunstrute.editions.models import Artist, Edition
from tests import factories

HEADER = "name;email;disciplines;address;postcode;place;municipality;lat;lon;catalogue_no"


def write(tmp_path, lines, encoding="cp1252", name="artists.csv"):
    path = tmp_path / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def test_import_artists_exit_codes_and_idempotency(runner, db, tmp_path):
    factories.municipality("Lier")
    factories.edition(2027)
    db.session.commit()
    path = write(tmp_path, [
        HEADER,
        "Åse Ødegård;ase@example.org;keramikk;Søndre vei 1;3400;Lier;Lier;59.78;10.24;1",
        "Bård Ærlig;bard@example.org;maleri;Nordre vei 2;3400;Lier;Lier;59.79;10.25;2",
        "Feil Post;feil-post;maleri;Vei 3;3400;Lier;Lier;;;3",
        ";ingen@example.org;maleri;Vei 4;3400;Lier;Lier;;;4",
    ])
    first = runner.invoke(args=["import-artists", str(path)])
    assert first.exit_code == 1, first.output
    assert "windows-1252" in first.output and "';'" in first.output
    assert "2 new, 0 updated, 0 unchanged, 2 rejected" in first.output
    assert "line 4: rejected: e-mail 'feil-post' is not a valid address" in first.output
    assert "line 5: rejected: name is missing" in first.output
    second = runner.invoke(args=["import-artists", str(path)])
    assert "0 new, 0 updated, 2 unchanged, 2 rejected" in second.output
    assert db.session.scalar(sa.select(sa.func.count(Artist.id))) == 2

    good = write(tmp_path, [HEADER, "Åse Ødegård;ase@example.org;keramikk;Søndre vei 1;3400;"
                            "Lier;Lier;59.78;10.24;1"], name="good.csv")
    assert runner.invoke(args=["import-artists", str(good)]).exit_code == 0


def test_import_artists_unusable_input_exits_2(runner, db, tmp_path):
    missing = runner.invoke(args=["import-artists", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 2 and "No such file" in missing.output
    header_only = write(tmp_path, ["name;phone", "A;1"], name="bad.csv")
    result = runner.invoke(args=["import-artists", str(header_only)])
    assert result.exit_code == 2 and "lacks the column(s)" in result.output
    assert db.session.scalar(sa.select(sa.func.count(Edition.id))) == 0


def test_import_creates_the_named_edition_and_geocodes_offline(runner, db, app, tmp_path):
    factories.region(app.config["DATA_DIR"])
    db.session.commit()
    path = write(tmp_path, [HEADER, "Åse Ødegård;ase@example.org;glass;Ukjent vei 9;3400;Lier;"
                            "Lier;;;"], encoding="utf-8")
    result = runner.invoke(args=["import-artists", str(path), "--edition", "2031", "--offline"])
    assert result.exit_code == 0, result.output
    assert "Edition 2031: 1 new" in result.output
    assert "0 exact, 1 approximate, 0 not found" in result.output
    edition = db.session.scalar(sa.select(Edition).where(Edition.year == 2031))
    assert [d.day.weekday() for d in edition.open_days] == [5, 6, 5, 6]


def test_edition_command_defaults_to_the_weekends(runner, db):
    result = runner.invoke(args=["edition", "2028", "--starts", "2028-09-07",
                                 "--ends", "2028-09-17"])
    assert result.exit_code == 0, result.output
    edition = db.session.scalar(sa.select(Edition))
    assert [d.day for d in edition.open_days] == [date(2028, 9, 9), date(2028, 9, 10),
                                                  date(2028, 9, 16), date(2028, 9, 17)]
    bad = runner.invoke(args=["edition", "2028", "--open-days", "2028-10-01"])
    assert bad.exit_code == 1 and "outside the period: 2028-10-01" in bad.output
    backwards = runner.invoke(args=["edition", "2029", "--starts", "2029-09-10",
                                    "--ends", "2029-09-01"])
    assert backwards.exit_code == 1 and "before the start" in backwards.output
    assert db.session.scalar(sa.select(sa.func.count(Edition.id))) == 1


def test_import_without_municipalities_says_how_to_load_them(runner, db, app):
    result = runner.invoke(args=["import-artists", str(app.config["DATA_DIR"] / "artists.csv")])
    assert result.exit_code == 2, result.output
    assert result.output.count("no municipalities are loaded") == 1
    assert "flask --app kunstrute import-municipalities data/municipalities.csv" in result.output
    assert "unknown municipality" not in result.output
    assert db.session.scalar(sa.select(sa.func.count(Artist.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Edition.id))) == 0


def test_a_misspelt_municipality_gets_the_closest_known_one(runner, db, app, tmp_path):
    factories.region(app.config["DATA_DIR"])
    db.session.commit()
    path = write(tmp_path, [
        HEADER,
        "Åse Ødegård;ase@example.org;keramikk;Søndre vei 1;3400;Lier;Lierr;59.78;10.24;1",
        "Bård Ærlig;bard@example.org;maleri;Nordre vei 2;1337;Sandvika;Baerum;59.89;10.52;2",
        "Cato Eik;cato@example.org;maleri;Vei 3;3320;Vestfossen;Ovre Eiker;59.73;9.87;3",
        "Dina Vik;dina@example.org;maleri;Vei 4;1234;Oslo;Gotham;59.9;10.7;4",
    ], encoding="utf-8")
    result = runner.invoke(args=["import-artists", str(path), "--edition", "2027"])
    assert result.exit_code == 1, result.output
    assert "unknown municipality 'Lierr' — did you mean Lier?" in result.output
    assert "unknown municipality 'Baerum' — did you mean Bærum?" in result.output
    assert "unknown municipality 'Ovre Eiker' — did you mean Øvre Eiker?" in result.output
    assert "unknown municipality 'Gotham'\n" in result.output


def test_the_demo_passwords_differ_from_run_to_run(app, db):
    from kunstrute.demo import create_demo_accounts

    first = {a.email: a.password for a in create_demo_accounts()}
    db.session.rollback()
    second = {a.email: a.password for a in create_demo_accounts()}
    assert first.keys() == second.keys() and not set(first.values()) & set(second.values())
