"""The geocoding chain offline, with the online geocoder faked at geopy's boundary."""

import sqlalchemy as sa
from geopy.exc import GeocoderUnavailable
from geopy.location import Location
from geopy.point import Point

from kunstrute.editions.models import LocationSource
from kunstrute.editions.queries import geocoder_chain
from kunstrute.geocoding import services
from kunstrute.geocoding.models import GeocodeCache
from kunstrute.geocoding.services import place
from tests import factories


class FakeNominatim:
    """Stands in for geopy.geocoders.Nominatim: same constructor and geocode signature."""

    calls: list = []
    answers: dict = {}
    fail = False

    def __init__(self, *, user_agent, timeout):
        assert "kunstrute" in user_agent  # Nominatim's policy wants a real user agent
        self.timeout = timeout

    def geocode(self, query, *, country_codes, exactly_one):
        FakeNominatim.calls.append(query)
        if FakeNominatim.fail:
            raise GeocoderUnavailable("no network")
        found = FakeNominatim.answers.get(query.get("street"))
        if found is None:
            return None
        return Location("somewhere", Point(*found), {})


def online_chain(app, monkeypatch, *, fail=False, answers=None):
    FakeNominatim.calls, FakeNominatim.fail = [], fail
    FakeNominatim.answers = answers or {}
    monkeypatch.setattr(services, "MIN_DELAY_SECONDS", 0)
    monkeypatch.setattr(services, "ERROR_WAIT_SECONDS", 0)
    app.config["GEOCODER"] = "nominatim"
    try:
        return geocoder_chain(app.config, geocoder_class=FakeNominatim)
    finally:
        app.config["GEOCODER"] = "offline"


def unplaced(edition, address="Ukjentveien 3", postcode="3400", municipality_name="Lier"):
    p = factories.participant(edition, lat=None, lon=None, address=address,
                              municipality_name=municipality_name)
    p.studio.postcode = postcode
    return p.studio


def test_offline_places_by_postcode_and_marks_it_approximate(app, db):
    factories.region(app.config["DATA_DIR"])
    studio = unplaced(factories.edition())
    summary = place([studio], chain=geocoder_chain(app.config, offline=True))
    assert summary.approximate == [studio] and not summary.exact
    assert studio.location_source == LocationSource.GAZETTEER and studio.is_approximate
    assert 59.5 < studio.lat < 60.0 and 10.0 < studio.lon < 10.5


def test_offline_falls_back_to_the_municipality_centre(app, db):
    factories.region(app.config["DATA_DIR"])
    studio = unplaced(factories.edition(), postcode="9999", municipality_name="Sigdal")
    place([studio], chain=geocoder_chain(app.config, offline=True))
    assert studio.is_approximate and 59.9 < studio.lat < 60.3


def test_online_answer_is_cached_and_not_asked_twice(app, db, monkeypatch):
    factories.region(app.config["DATA_DIR"])
    edition = factories.edition()
    first = unplaced(edition)
    chain = online_chain(app, monkeypatch, answers={"Ukjentveien 3": (59.791, 10.251)})
    summary = place([first], chain=chain)
    assert summary.exact == [first] and (first.lat, first.lon) == (59.791, 10.251)
    assert first.location_source == LocationSource.GEOCODER
    assert db.session.scalar(sa.select(sa.func.count(GeocodeCache.id))) == 1

    first.lat = first.lon = None
    first.location_source = LocationSource.MISSING
    again = online_chain(app, monkeypatch)
    place([first], chain=again)
    assert FakeNominatim.calls == [] and first.lat == 59.791


def test_not_found_online_is_cached_and_falls_to_the_gazetteer(app, db, monkeypatch):
    factories.region(app.config["DATA_DIR"])
    studio = unplaced(factories.edition())
    summary = place([studio], chain=online_chain(app, monkeypatch))
    assert summary.approximate == [studio]
    cached = db.session.scalar(sa.select(GeocodeCache))
    assert cached.lat is None and cached.provider == "nominatim"


def test_no_network_turns_the_rest_of_the_run_offline(app, db, monkeypatch):
    factories.region(app.config["DATA_DIR"])
    edition = factories.edition()
    studios = [unplaced(edition, address=f"Vei {n}") for n in range(3)]
    chain = online_chain(app, monkeypatch, fail=True)
    summary = place(studios, chain=chain)
    assert len(FakeNominatim.calls) == 2  # one try and geopy's single retry, then offline
    assert len(summary.approximate) == 3 and "GeocoderUnavailable" in chain.online_error
    assert db.session.scalar(sa.select(sa.func.count(GeocodeCache.id))) == 0


def test_geocode_command_summarises(app, runner):
    factories.region(app.config["DATA_DIR"])
    unplaced(factories.edition())
    from kunstrute.extensions import db

    db.session.commit()
    result = runner.invoke(args=["geocode", "--offline"])
    assert result.exit_code == 0, result.output
    assert "0 exact, 1 approximate, 0 not found" in result.output
    assert "fix it under /organiser" in result.output
    again = runner.invoke(args=["geocode", "--offline"])
    assert "Every studio has coordinates; 1 approximate." in again.output
