"""The visitor's pages: /, /map and its data files, /artists, /artists/<slug>, /route, /healthz."""

from datetime import date

import sqlalchemy as sa
from flask import abort, current_app, render_template, request, url_for
from flask_babel import get_locale

from kunstrute.editions.awards import edition_awards, participation_awards
from kunstrute.editions.opening import edition_days, participation_schedule
from kunstrute.editions.queries import (
    current_edition,
    participation_for_slug,
    shown_works,
    studio_mates,
    work_selection,
)
from kunstrute.extensions import db
from kunstrute.guide import bp
from kunstrute.guide.mapview import MIN_ZOOM, TOP_LEVEL, map_cache, place_data
from kunstrute.guide.planner import (
    MAX_STOPS,
    apple_maps_url,
    google_maps_url,
    osm_leg_url,
    parse_stops,
    plan_route,
)
from kunstrute.guide.services import (
    list_studios,
    map_studios,
    opening_note,
    parse_filter,
)
from kunstrute.i18n import format_day
from kunstrute.media.queries import media_url
from kunstrute.pagecache import cached_page
from kunstrute.programme.queries import map_places
from kunstrute.timeutil import oslo_now, to_oslo, utcnow
from kunstrute.urls import directions_url


def _artist_url(slug: str) -> str:
    return url_for("guide.artist", slug=slug)


def _thumb_url(thumb) -> str:
    return media_url(thumb, "w320")


def _map_places(edition):
    return map_places(edition, now=utcnow())


def _built_map(studios, places=()):
    def place_rows():
        return place_data(
            places, event_url=lambda event_id: url_for("programme.event", event_id=event_id),
            when=lambda utc: f"{format_day(to_oslo(utc).date())} {to_oslo(utc):%H:%M}")

    return map_cache.get(studios, artist_url=_artist_url, opening_note=opening_note,
                         language=str(get_locale()),
                         tile_url=current_app.config["TILE_URL"],
                         attribution=current_app.config["TILE_ATTRIBUTION"],
                         places=places, place_rows=place_rows, image_url=_thumb_url)


def map_file_urls(edition, studios) -> list[str]:
    """Return the URLs of the map's script and of its markers at every zoom level, as /map
    names them when nothing is filtered."""
    version = _built_map(studios, _map_places(edition)).version
    return [url_for("guide.map_script", v=version)] + [
        url_for("guide.map_data", v=version, z=z) for z in range(MIN_ZOOM, TOP_LEVEL + 1)]


@bp.route("/")
@cached_page
def index():
    edition = current_edition()
    studios = map_studios(edition) if edition else []
    municipalities = sorted({s.municipality for s in studios})
    selection = work_selection(edition, day=oslo_now().date()) if edition else []
    return render_template("guide/index.html", edition=edition, artist_count=len(studios),
                           municipalities=municipalities, selection=selection,
                           awards=edition_awards(edition) if edition else [])


def _filtered(edition) -> dict:
    """Return the template context shared by /artists and /map: one filter, two views."""
    studios = map_studios(edition) if edition else []
    chosen = parse_filter(request.args, municipalities=sorted({s.municipality for s in studios}))
    # Each studio is open or closed by its own days and hours.
    listing = list_studios(studios, chosen, edition=edition, now=oslo_now()) if edition else None
    return {"edition": edition, "chosen": chosen, "listing": listing,
            "studios": listing.studios if listing else []}


@bp.route("/map")
@cached_page
def map_page():
    context = _filtered(current_edition())
    edition = context["edition"]
    context["places"] = _map_places(edition) if edition else []
    context["built"] = _built_map(context["studios"], context["places"]) if edition else None
    return render_template("guide/map.html", map_levels=(MIN_ZOOM, TOP_LEVEL), **context)


@bp.route("/map/studios.js")
def map_script():
    return _map_file(lambda built: built.script, "text/javascript")


@bp.route("/map/studios.json")
def map_data():
    """The markers to draw at zoom level z (clustered); without z, every one on its own."""
    zoom = request.args.get("z", type=int)
    return _map_file(lambda built: built.level(zoom), "application/json")


def _map_file(part, mimetype: str):
    built = map_cache.by_version(request.args.get("v"))  # the usual case: no query at all
    if built is None:
        edition = current_edition()
        if edition is None:
            abort(404)
        # The page's filter is in the query, so this builds the same map the page named.
        built = _built_map(_filtered(edition)["studios"], _map_places(edition))
    response = current_app.response_class(part(built), mimetype=mimetype)
    if request.args.get("v") == built.version:
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    else:  # an old page asked for an old version: give the current one, uncached
        response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/artists")
@cached_page
def artists():
    return render_template("guide/artists.html", **_filtered(current_edition()))


@bp.route("/artists/<slug>")
@cached_page
def artist(slug: str):
    edition = current_edition()
    participation = participation_for_slug(edition, slug) if edition else None
    if participation is None:
        abort(404)
    studio = participation.studio
    directions = directions_url(studio.lat, studio.lon) if studio and studio.is_placed else None
    return render_template("guide/artist.html", edition=edition, participation=participation,
                           artist=participation.artist, studio=studio, directions=directions,
                           mates=studio_mates(participation),
                           schedule=participation_schedule(participation),
                           works=shown_works(participation),
                           awards=participation_awards(participation))


@bp.route("/route")
def planner():
    edition = current_edition()
    if edition is None:
        return render_template("guide/planner.html", edition=None)
    known = {s.catalogue_no: s for s in map_studios(edition)}
    chosen, problems = parse_stops(request.args.get("s"), known=known)
    too_many = len(chosen) if len(chosen) > MAX_STOPS else None
    chosen = chosen[:MAX_STOPS]
    open_days = list(edition_days(edition))
    day = _chosen_day(request.args.get("day"), open_days)
    plan = plan_route(chosen) if chosen else None
    return render_template(
        "guide/planner.html", edition=edition, plan=plan, problems=problems, day=day,
        too_many=too_many, max_stops=MAX_STOPS,
        open_days=open_days, stops=",".join(str(s.catalogue_no) for s in chosen),
        google=google_maps_url(plan.studios) if plan else None,
        apple=apple_maps_url(plan.studios) if plan else None, osm_leg=osm_leg_url)


def _chosen_day(text: str | None, open_days: list[date]) -> date | None:
    """Return the day asked for, else today if the studios open today, else the next open day."""
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        today = oslo_now().date()
        return next((d for d in sorted(open_days) if d >= today), None)


@bp.route("/accessibility")
def accessibility():
    return render_template("guide/accessibility.html",
                           reviewed=date.fromisoformat(current_app.config["ACCESSIBILITY_REVIEWED"]))


@bp.route("/privacy")
def privacy():
    return render_template("guide/privacy.html")


@bp.route("/healthz")
def healthz():
    db.session.execute(sa.select(1))
    return {"status": "ok"}
