"""The dashboard's tables of people: applications, the programme, newsletters and surveys.

Each is a view of the statistics document (the keys of docs/ARCHITECTURE.md, "Statistics
service"), like the visits and sales in tables.py; nothing is counted here.
"""

from __future__ import annotations

from flask_babel import gettext as _

from kunstrute.stats.tabular import ChartKind, Column, Kind, Section, Table, by_count, link


def people_sections(doc: dict) -> list[Section]:
    """Return the sections after visits and sales, in the page's order."""
    return [application_section(doc), programme_section(doc), newsletter_section(doc),
            survey_section(doc)]


# Applications ---------------------------------------------------------------------------

def funnel_labels() -> dict[str, str]:
    return {"started": _("Started"), "submitted": _("Submitted"), "scored": _("Scored"),
            "accepted": _("Accepted"), "published": _("On the route")}


def application_section(doc: dict) -> Section:
    applications = doc["applications"]
    url = link("applications_admin.index")
    tables = [applications_funnel(doc), applications_by_municipality(doc),
              artists_by_municipality(doc)]
    for table in tables:
        table.rows_url = url
    return Section("applications", _("Applications"), tables,
                   has_figures=bool(applications["funnel"]["started"]),
                   empty=_("No applications for this edition yet."), source_url=url)


def applications_funnel(doc: dict) -> Table:
    funnel, labels = doc["applications"]["funnel"], funnel_labels()
    return Table(
        slug="applications-funnel", title=_("From application to the route"),
        columns=[Column("stage", _("Stage")),
                 Column("applications", _("Applications"), Kind.COUNT)],
        rows=[(labels[key], funnel[key]) for key in labels], chart=ChartKind.BARS,
        note=_("Started: every application, drafts included; submitted: sent in; scored: with "
               "at least one juror's score; accepted: the decision published; on the route: "
               "accepted, with a studio, in a published edition. %(new)d of the artists on "
               "the route are new this year.", new=doc["applications"]["new_artists"]))


def applications_by_municipality(doc: dict) -> Table:
    applications = doc["applications"]
    hosts = applications["hosts"]
    note = _("Applications sent in, by the applicant's municipality.")
    if hosts:
        note += " " + _("%(count)d came from the host municipalities (%(hosts)s).",
                        count=applications["from_hosts"], hosts=", ".join(hosts))
    return Table(
        slug="applications-by-municipality", title=_("Applications per municipality"),
        columns=[Column("municipality", _("Municipality")),
                 Column("applications", _("Applications"), Kind.COUNT)],
        rows=by_count(applications["by_municipality"]), chart=ChartKind.BARS,
        note=note)


def artists_by_municipality(doc: dict) -> Table:
    return Table(
        slug="artists-by-municipality", title=_("Artists on the route per municipality"),
        columns=[Column("municipality", _("Municipality")),
                 Column("artists", _("Artists"), Kind.COUNT)],
        rows=by_count(doc["artists"]["by_municipality"]), chart=ChartKind.BARS,
        note=_("Accepted artists, by their studio's municipality."))


# Programme ------------------------------------------------------------------------------

def kind_labels() -> dict[str, str]:
    """Return the event kinds' names (the same words as the programme's own pages)."""
    return {"opening": _("Opening"), "artist_talk": _("Artist talk"), "concert": _("Concert"),
            "workshop": _("Workshop"), "historical_walk": _("Historical walk"),
            "guided_tour": _("Guided tour"), "seminar": _("Seminar"), "meeting": _("Meeting")}


def programme_section(doc: dict) -> Section:
    url = link("programme_admin.index")
    tables = [events_by_kind(doc), programme_attendance(doc), events_by_municipality(doc)]
    for table in tables:
        table.rows_url = url
    return Section("programme", _("Programme"), tables,
                   has_figures=bool(doc["programme"]["events"]),
                   empty=_("No events in this edition's programme yet."), source_url=url)


def events_by_kind(doc: dict) -> Table:
    labels = kind_labels()
    rows = [(labels.get(kind, kind), events)
            for kind, events in by_count(doc["programme"]["by_kind"])]
    return Table(
        slug="events-by-kind", title=_("Events by kind"),
        columns=[Column("kind", _("Kind")), Column("events", _("Events"), Kind.COUNT)],
        rows=rows, chart=ChartKind.BARS,
        note=_("The published events of the programme: drafts and cancelled ones are left "
               "out."))


def programme_attendance(doc: dict) -> Table:
    programme = doc["programme"]
    rows = [(label, programme[key]) for key, label in (
        ("registrations", _("Confirmed")), ("waitlisted", _("Waiting list")),
        ("attended", _("Checked in")), ("seminar_registrations", _("Seminar: confirmed")),
        ("seminar_attended", _("Seminar: checked in")))]
    return Table(
        slug="programme-attendance", title=_("Registrations and attendance"),
        columns=[Column("figure", _("Figure")), Column("people", _("People"), Kind.COUNT)],
        rows=rows, chart=ChartKind.BARS,
        note=_("On the published events that take registrations: confirmed places, the "
               "waiting list, and those checked in at the door. Events without registration "
               "have no attendance figure."))


def events_by_municipality(doc: dict) -> Table:
    return Table(
        slug="events-by-municipality", title=_("Events per municipality"),
        columns=[Column("municipality", _("Municipality")),
                 Column("events", _("Events"), Kind.COUNT)],
        rows=by_count(doc["programme"]["by_municipality"]), chart=ChartKind.BARS,
        note=_("By the municipality of the event's place: a studio's own, or the one "
               "its address lies in."))


# Newsletters ----------------------------------------------------------------------------

def newsletter_section(doc: dict) -> Section:
    newsletter = doc["newsletter"]
    url = link("newsletter_admin.index")
    rows = [(label, newsletter[key]) for key, label in (
        ("sent", _("Newsletters sent")), ("subscribers", _("Subscribers")),
        ("new_subscribers", _("New subscribers")))]
    table = Table(
        slug="newsletter", title=_("Newsletters"),
        columns=[Column("figure", _("Figure")), Column("count", _("Number"), Kind.COUNT)],
        rows=rows, rows_url=url,
        note=_("Newsletters sent in %(year)d; subscribers who had confirmed their address "
               "by the end of %(year)d and not left, and of those the ones who confirmed in "
               "%(year)d.", year=doc["edition"]))
    return Section("newsletter", _("Newsletters"), [table],
                   has_figures=bool(newsletter["sent"] or newsletter["subscribers"]),
                   empty=_("No newsletters sent and no subscribers yet."), source_url=url)


# Surveys --------------------------------------------------------------------------------

def held_surveys(doc: dict) -> dict[str, dict]:
    """Return {audience: survey} of the edition's year (an audience without one is null)."""
    return {audience: survey for audience, survey in doc["surveys"].items() if survey}


def survey_section(doc: dict) -> Section:
    surveys = held_surveys(doc)
    tables = [survey_responses(surveys), survey_results(surveys)]
    url = link("surveys_admin.index")
    for table in tables:
        table.rows_url = url
    if len(surveys) == 1:  # one survey: its results page holds every row
        table.rows_url = link("surveys_admin.results",
                              survey_id=next(iter(surveys.values()))["survey_id"])
    return Section("surveys", _("Surveys"), tables, has_figures=bool(surveys),
                   empty=_("No evaluation survey for this edition yet."), source_url=url)


def audience_labels() -> dict[str, str]:
    """Return the surveys' audiences, short enough for a chart's labels."""
    return {"artists": _("Artists"), "network": _("Host municipalities")}


def survey_responses(surveys: dict) -> Table:
    labels = audience_labels()
    rows = [(labels.get(audience, audience), survey["title"], survey["invited"],
             survey["answered"], survey["response_rate"])
            for audience, survey in surveys.items()]
    return Table(
        slug="survey-responses", title=_("Survey response rates"),
        columns=[Column("audience", _("Audience")), Column("survey", _("Survey")),
                 Column("invited", _("Invited"), Kind.COUNT),
                 Column("answered", _("Answered"), Kind.COUNT),
                 Column("response_rate", _("Response rate"), Kind.SHARE)],
        rows=rows, chart=ChartKind.BARS, chart_options={"series": (4,)},
        note=_("Invited: invitations sent; answered: answers sent in."))


def survey_results(surveys: dict) -> Table:
    rows, labels = [], audience_labels()
    for audience, survey in surveys.items():
        for headline in survey["headlines"]:
            top = headline.get("top") or {}
            rows.append((labels.get(audience, audience), headline["question"],
                         headline["answered"], headline.get("mean"),
                         top.get("label") or top.get("value"), top.get("share")))
    return Table(
        slug="survey-results", title=_("Survey results"),
        columns=[Column("audience", _("Audience")), Column("question", _("Question")),
                 Column("answered", _("Answered"), Kind.COUNT),
                 Column("mean", _("Mean"), Kind.NUMBER),
                 Column("top", _("Most common answer")),
                 Column("top_share", _("Share"), Kind.SHARE)],
        rows=rows,
        note=_("Every question but the free-text ones: the mean of a scale (1–5) or a "
               "number; for a choice, the answer chosen most and its share of those who "
               "answered the question."))
