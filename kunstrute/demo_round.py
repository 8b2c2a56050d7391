"""The sample edition's application round: the applications that led to its artists.

About 190 applications: one from each of the edition's 105 artists (accepted) and some 85
more (waitlisted, rejected, withdrawn, a draft), each with 3–5 works drawn by the program
(demo_art), scored by three jurors who disagree the way real jurors do: one is strict, one
generous, each with their own noise, and now and then one abstains. The decisions are
published (through the same `bring_to_guide` an organiser's publishing uses), so the guide
shows every artist's works; one of them is the artist of the year.

The application window is kept open around the day the demo is loaded, so a new user can
also apply, be scored and be published on top of this history.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from kunstrute.applications.models import (
    Application,
    ApplicationStatus,
    Artwork,
    Decision,
    JuryMember,
    JuryRound,
    JuryScore,
)
from kunstrute.applications.publishing import bring_to_guide
from kunstrute.auth.models import Role, User
from kunstrute.demo_art import LONG_SIDE, draw_work
from kunstrute.editions.awards import name_award
from kunstrute.editions.models import Edition, Municipality, Participation
from kunstrute.extensions import db
from kunstrute.media.models import MediaFile
from kunstrute.media.services import store_image
from kunstrute.timeutil import to_oslo

#: Applications beyond the edition's artists, and what became of them.
OTHER_OUTCOMES = ([ApplicationStatus.WAITLISTED] * 18 + [ApplicationStatus.REJECTED] * 62
                  + [ApplicationStatus.WITHDRAWN] * 3 + [ApplicationStatus.DRAFT] * 2)

#: Each juror's habit: (bias on the scale, noise): one strict, one generous, one even.
JUROR_HABITS = [(0.0, 0.55), (-0.8, 0.5), (0.45, 0.8)]

FIRST_NAMES = ["Ingrid", "Kari", "Liv", "Solveig", "Astrid", "Sigrid", "Marit", "Hege", "Tone",
               "Nora", "Emma", "Ida", "Ola", "Per", "Lars", "Knut", "Erik", "Jon", "Henrik",
               "Sindre", "Magnus", "Tor", "Eirik", "Anders", "Gunhild", "Ragnhild", "Vigdis"]
SURNAMES = ["Berg", "Dahl", "Lie", "Haugen", "Moen", "Strand", "Lunde", "Solberg", "Aas",
            "Bakken", "Eide", "Holm", "Nygård", "Vik", "Sæther", "Løken", "Fjeld", "Røed",
            "Engen", "Brekke", "Myhre", "Kvamme", "Tangen", "Wold", "Hagen", "Ødegård"]
STREETS = ["Kirkeveien", "Skoleveien", "Bjørkeveien", "Granveien", "Fjordveien", "Elveveien",
           "Gamle Kongevei", "Bakkeveien", "Sagveien", "Møllebakken"]
TITLE_WORDS = ["Lys", "Fjord", "Stillhet", "Vinter", "Morgen", "Skog", "Tidevann", "Rom",
               "Spor", "Linje", "Vind", "Stein", "Kveld", "Speil", "Tåke", "Ask", "Bølge"]
TECHNIQUES = {
    "painting": ["Olje på lerret", "Akryl på lerret", "Akvarell"], "drawing": ["Kull på papir",
    "Blyant og tusj"], "ceramics": ["Steingods, askeglasur", "Porselen"],
    "textile": ["Billedvev, ull og lin", "Broderi"], "printmaking": ["Tresnitt", "Radering"],
    "photography": ["Pigmenttrykk", "Sølvgelatin"], "sculpture": ["Bronse", "Granitt", "Eik"],
    "glass": ["Blåst glass"], "jewellery": ["Sølv og emalje", "Gull og stein"],
    "wood": ["Bjørk og eik"], "metal": ["Smijern", "Cortenstål"],
    "mixed_media": ["Blandingsteknikk"], "installation": ["Installasjon, blandet materiale"],
}
#: Not an Argon2 hash, so no password matches it: the applicants cannot sign in.
NO_PASSWORD = "!"  # noqa: S105

COMMENTS = ["Sterk og selvstendig.", "Ujevnt utvalg.", "Fine verk, men lite nytt.",
            "Modent uttrykk.", "Teknisk godt, mindre personlig.", "Spennende materialbruk."]


@dataclass
class RoundReport:
    applications: int
    works: int
    scores: int
    #: The drawn images, stored as uploads are: process them (media.jobs) after the commit.
    image_ids: list[int]


def _jpeg_to_media(*, discipline: str, seed: str) -> MediaFile:
    """Draw a work and store it as an upload is stored; its copies are made after the commit."""
    long_side = current_app.config.get("DEMO_WORK_LONG_SIDE") or LONG_SIDE
    return store_image(upload=draw_work(discipline=discipline, seed=seed, long_side=long_side))


def _works(rng: random.Random, application: Application, seed: str) -> list[Artwork]:
    main = (application.disciplines or ["painting"])[0]
    artworks = []
    for position in range(rng.randint(3, 5)):
        title = f"{rng.choice(TITLE_WORDS)} {rng.choice(['I', 'II', 'III', ''])}".strip()
        width, height = rng.randint(20, 160), rng.randint(20, 160)
        artwork = Artwork(position=position, title=title, year=rng.randint(2023, 2026),
                          technique=rng.choice(TECHNIQUES.get(main, ["Blandingsteknikk"])),
                          size=f"{width} × {height} cm",
                          image=_jpeg_to_media(discipline=main, seed=f"{seed}:{position}"))
        application.artworks.append(artwork)
        artworks.append(artwork)
    return artworks


def _applicant(email: str, name: str, now: datetime) -> User:
    """Return the artist account of an applicant, made confirmed and with no usable password
    (making 190 Argon2 hashes would cost the demo seconds for nothing)."""
    user = db.session.scalar(sa.select(User).where(User.email == email))
    if user is None:
        user = User(email=email, name=name, role=Role.ARTIST, password_hash=NO_PASSWORD,
                    email_confirmed_at=now)
        db.session.add(user)
        db.session.flush()
    return user


def _from_participation(p: Participation) -> dict:
    studio = p.studio
    return dict(name=p.artist.name, email=p.artist.email, phone=p.artist.phone,
                website=p.artist.website, studio_name=studio.name if studio else None,
                address=studio.address if studio else None,
                postcode=studio.postcode if studio else None,
                place=studio.place if studio else None,
                municipality_id=studio.municipality_id if studio else None,
                disciplines=p.artist.discipline_keys or ["painting"],
                statement=p.artist.bio or "", is_new=p.new_this_year)


def _invented(rng: random.Random, index: int, municipalities: list[Municipality]) -> dict:
    first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    municipality = rng.choice(municipalities)
    disciplines = rng.sample(sorted(TECHNIQUES), rng.randint(1, 2))
    return dict(name=f"{first} {last}", email=f"soker{index:03d}@example.org",
                phone=f"+47 9{rng.randint(1000000, 9999999)}", website=None, studio_name=None,
                address=f"{rng.choice(STREETS)} {rng.randint(1, 80)}",
                postcode=f"{rng.randint(1300, 3600)}", place=municipality.name,
                municipality_id=municipality.id, disciplines=disciplines,
                statement=("Jeg arbeider med " + ", ".join(disciplines).replace("_", " ")
                           + " og henter motivene fra landskapet rundt meg."),
                is_new=rng.random() < 0.6)


def _score(rng: random.Random, quality: float, habit: tuple[float, float], scale) -> int:
    bias, noise = habit
    low, high = scale
    middle = (low + high) / 2
    value = middle + 1.1 * quality + bias + rng.gauss(0, noise)
    return max(low, min(high, round(value)))


def load_round(*, edition: Edition, jurors: list[User], now: datetime,
               artist_account: User | None = None, seed: int = 2027) -> RoundReport:
    """Create the edition's application round, scored and decided; flush only.

    artist_account, the demo's artist sign-in, becomes the account of the first artist, so
    whoever signs in with it sees an accepted application and keeps that artist's page.
    """
    rng = random.Random(seed)
    today = to_oslo(now).date()
    edition.application_opens_on = today - timedelta(days=60)
    edition.application_closes_on = today + timedelta(days=45)
    jury = JuryRound(edition=edition, opens_on=today - timedelta(days=30),
                     closes_on=today + timedelta(days=75), results_open=True,
                     names_lifted=False, decisions_published_at=now - timedelta(days=1))
    db.session.add(jury)
    for juror in jurors:
        jury.members.append(JuryMember(user=juror, order_seed=secrets.token_hex(8),
                                       looked_through_at=now - timedelta(days=20)))
    participations = list(db.session.scalars(
        sa.select(Participation).where(Participation.edition_id == edition.id)
        .order_by(Participation.catalogue_no)))
    municipalities = list(db.session.scalars(sa.select(Municipality).order_by(Municipality.id)))
    # The accepted are the best applications: sort the invented qualities, best first.
    qualities = sorted((rng.gauss(0, 1) for _ in range(len(participations) + len(OTHER_OUTCOMES))),
                       reverse=True)
    entries = [(ApplicationStatus.ACCEPTED, _from_participation(p)) for p in participations]
    entries += [(status, _invented(rng, i, municipalities))
                for i, status in enumerate(OTHER_OUTCOMES, start=1)]
    works = scores = 0
    for index, ((status, details), quality) in enumerate(
            zip(entries, qualities, strict=True)):
        is_new = details.pop("is_new")
        user = (artist_account if index == 0 and artist_account is not None
                else _applicant(details["email"], details["name"], now))
        application = Application(edition=edition, user=user, is_new=is_new,
                                  created_at=now - timedelta(days=55 - index % 40), **details)
        db.session.add(application)
        application.change_status(ApplicationStatus.DRAFT, actor="system")
        artworks = _works(rng, application, seed=f"{seed}:{index}")
        works += len(artworks)
        if status == ApplicationStatus.DRAFT:
            continue
        application.change_status(ApplicationStatus.SUBMITTED, actor="system")
        application.submitted_at = now - timedelta(days=50 - index % 40)
        if status == ApplicationStatus.WITHDRAWN:
            application.change_status(ApplicationStatus.WITHDRAWN, actor="system")
            continue
        application.change_status(ApplicationStatus.UNDER_REVIEW, actor="system")
        for juror, habit in zip(jurors, JUROR_HABITS, strict=False):
            abstained = rng.random() < 0.015
            db.session.add(JuryScore(
                application=application, juror=juror, abstained=abstained,
                score=None if abstained else _score(rng, quality, habit,
                                                    (jury.scale_min, jury.scale_max)),
                comment=rng.choice(COMMENTS) if rng.random() < 0.25 else ""))
            scores += 1
        application.decision = Decision(status.value)
        application.change_status(status, actor="system", detail="demo round")
        application.decision_mailed_at = jury.decisions_published_at  # history: sent then
        if status == ApplicationStatus.ACCEPTED:
            bring_to_guide(application=application, actor="system")
    _name_artist_of_the_year(edition, participations, rng)
    db.session.flush()
    image_ids = [a.image_id for a in db.session.scalars(
        sa.select(Artwork).join(Application).where(Application.edition_id == edition.id))]
    return RoundReport(applications=len(entries), works=works, scores=scores,
                       image_ids=image_ids)


def _name_artist_of_the_year(edition: Edition, participations: list[Participation],
                             rng: random.Random) -> None:
    chosen = rng.choice(participations)
    name_award(edition=edition, participation=chosen, title="Årets kunstner", amount_nok=10000,
               actor="system",
               citation=(f"{chosen.artist.name} får prisen for et arbeid som over flere år har "
                         "vist en egen stemme og et stort engasjement for kunstrunden."))
