"""import-history and /organiser/history: upsert by year, line-numbered errors, exit codes."""

import io

import sqlalchemy as sa

from kunstrute.stats.models import EditionHistory
from tests.conftest import csrf_token

HEADER = ("year,visits_total,visits_studios,visits_exhibition,artists,applications,"
          "sales_studios_nok,sales_exhibition_nok")


def write(tmp_path, lines, name="history.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_history_upserts_by_year_and_names_bad_lines(runner, db, tmp_path):
    path = write(tmp_path, [HEADER + ",new_artists",
                            "2013,13000,,,98,178,,,40",
                            "2014,\"21 400\",17640,3700,105,193,950000,74000,22",
                            "20x4,1,,,,,,,",
                            "2012,100,80,50,,,,,",
                            "2011,-5,,,,,,,",
                            "2010,1,,,5,,,,9",
                            "2009,1,,,,,,,", "2009,2,,,,,,,"])
    result = runner.invoke(args=["import-history", str(path)])
    assert result.exit_code == 1, result.output
    assert "History: 2 new, 0 updated, 0 unchanged, 6 rejected." in result.output
    for expected in ["line 4: rejected: year: '20x4' is not a whole number",
                     "line 5: rejected: visits_studios and visits_exhibition add up to more",
                     "line 6: rejected: visits_total: is negative",
                     "line 7: rejected: new_artists is more than artists",
                     "line 8: rejected: year 2009 is also on line 9"]:
        assert expected in result.output
    row = db.session.get(EditionHistory, 2014)
    assert (row.visits_total, row.new_artists, row.sales_exhibition_nok) == (21400, 22, 74000)
    assert db.session.get(EditionHistory, 2013).visits_studios is None  # empty = unknown
    again = runner.invoke(args=["import-history", str(path)])
    assert "0 new, 0 updated, 2 unchanged" in again.output
    # A file without the optional column keeps the new artists already loaded.
    update = write(tmp_path, [HEADER, "2014,21500,17640,3700,105,193,950000,74000"], "u.csv")
    assert runner.invoke(args=["import-history", str(update)]).exit_code == 0
    db.session.expire_all()
    row = db.session.get(EditionHistory, 2014)
    assert (row.visits_total, row.new_artists) == (21500, 22)


def test_unusable_history_exits_2(runner, db, tmp_path):
    result = runner.invoke(args=["import-history", str(write(tmp_path, ["year,visits", "1,2"]))])
    assert result.exit_code == 2 and "lacks the column(s)" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(EditionHistory)) == 0


def test_the_history_page_lists_the_years_and_imports_a_file(client, db, login_as):
    login_as("organiser")
    page = client.get("/organiser/history").get_data(as_text=True)
    data = (HEADER + "\n2014,21400,17640,3700,105,193,950000,74000\n2015,x,,,,,,\n").encode()
    response = client.post("/organiser/history", data={
        "csrf_token": csrf_token(page), "file": (io.BytesIO(data), "history.csv")},
        content_type="multipart/form-data")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "linje 3: avvist: visits_total: &#39;x&#39; is not a whole number" in text
    assert "21 400" in text and "<th scope=\"row\">2014</th>" in text
    assert db.session.get(EditionHistory, 2014).visits_total == 21400
