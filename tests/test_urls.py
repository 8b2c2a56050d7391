"""Every number in a URL is bounded, so an id too large for the database is a 404, not a 500."""

from werkzeug.routing.converters import NumberConverter

from kunstrute.urls import DB_ID


def test_every_number_in_a_route_has_a_ceiling(app):
    numbers = [(f"{rule.rule} <{name}>", converter) for rule in app.url_map.iter_rules()
               for name, converter in rule._converters.items()
               if isinstance(converter, NumberConverter)]
    assert len(numbers) > 20  # the routes with ids are found
    unbounded = [where for where, converter in numbers if converter.max is None]
    assert not unbounded, f"use <{DB_ID}:…> in: {unbounded}"


def test_an_id_beyond_the_database_s_integers_is_not_found(client, login_as):
    login_as("organiser")
    assert client.get("/organiser/applications/99999999999").status_code == 404
