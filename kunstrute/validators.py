"""Form validators every domain's forms share."""

from wtforms.validators import ValidationError

from kunstrute.text import has_line_break


class OneLine:
    """Refuse text with a line break of any kind (CR, LF, U+2028 …): titles and subjects."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        if has_line_break(field.data):
            raise ValidationError(self.message)
