"""Forms of the organisers' area."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField
from wtforms.validators import InputRequired, NumberRange

from kunstrute.route.importer import NORWAY_BOUNDS

SOUTH, NORTH, WEST, EAST = NORWAY_BOUNDS


class CommaDecimalField(DecimalField):
    """A decimal field that takes 59,75 as well as 59.75, as Norwegian keyboards type it."""

    def process_formdata(self, valuelist):
        if valuelist and isinstance(valuelist[0], str):
            valuelist = [valuelist[0].replace(",", ".").strip()]
        super().process_formdata(valuelist)


class LocationForm(FlaskForm):
    """Coordinates typed by an organiser (decimal degrees; a comma works as decimal mark)."""

    lat = CommaDecimalField(
        _l("Latitude"), places=None,
        validators=[InputRequired(_l("Enter the latitude, e.g. 59.7512.")),
                    NumberRange(SOUTH, NORTH, _l("The latitude must be in Norway (57.8–71.3)."))],
        render_kw={"inputmode": "decimal"},
    )
    lon = CommaDecimalField(
        _l("Longitude"), places=None,
        validators=[InputRequired(_l("Enter the longitude, e.g. 10.2471.")),
                    NumberRange(WEST, EAST, _l("The longitude must be in Norway (4.0–31.3)."))],
        render_kw={"inputmode": "decimal"},
    )
