"""An edition for the exports' and reports' tests: counts, sales, applications, events, a goal
and history in three municipalities, names that a spreadsheet or a page could run, and a
member municipality with nothing at all."""

from datetime import date

from kunstrute.applications.models import ApplicationStatus
from kunstrute.counting.models import CountSource
from kunstrute.stats.goal_services import save_goal
from kunstrute.stats.models import GoalComparison, GoalUnit
from tests import factories
from tests.stats.factories import exhibition, history, sale, studio, visits

D, D2 = date(2027, 9, 11), date(2027, 9, 12)
#: A name a spreadsheet would run as a formula, and one it would read as a number.
FORMULA = '=HYPERLINK("http://x","y")'
PHONE = "+47 123"
#: A municipality's and an artist's name a page would run as markup.
TOWN = '<script>alert(1)</script>"By'
ARTIST = "Kari <b>Nordmann</b>"


def reported_edition():
    """Return 2027: Lier (two artists), the hostile town, Asker (events only), Hole (nothing)."""
    edition = factories.edition(2027, exhibition_address="Bergerveien 20, 3400 Lier")
    lier = factories.municipality("Lier")
    a = studio(edition, municipality_name="Lier", name=ARTIST, catalogue_no=3)
    visits(a, D, 120)
    visits(a, D2, 30)
    sale(a, D, 12500, 2)
    b = studio(edition, municipality_name="Lier", name=PHONE, catalogue_no=5)
    visits(b, D, 40, CountSource.QR_CHECKIN)
    hostile = studio(edition, municipality_name=TOWN, name=FORMULA, catalogue_no=7)
    visits(hostile, D, 7)
    sale(hostile, D2, 800)
    visits(exhibition(edition), D, 300, CountSource.DOOR_COUNTER)
    for status in (ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED):
        factories.application(edition, status=status, works=0, cv=False, municipality=lier)
    factories.application(edition, status=ApplicationStatus.SUBMITTED, works=0, cv=False,
                          municipality=factories.municipality(TOWN))
    factories.event(edition, title="<i>Konsert</i> i atelieret", kind="concert",
                    venue_kind="studio", studio=a.participation.studio)
    factories.event(edition, title="Vandring", kind="historical_walk", venue_kind="address",
                    address="Torget", postcode="9999", place="Asker")
    factories.municipality("Asker")
    factories.municipality("Hole")  # a member municipality with nothing this year
    history(2026, visits_total=300, artists=5, new_artists=3)
    save_goal(edition=edition, title=FORMULA, figure="visits.exhibition_per_day",
              comparison=GoalComparison.AT_LEAST, target=200, unit=GoalUnit.COUNT)
    return edition
