"""The subscribe form and the organisers' newsletter form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length

from kunstrute.security import PublicForm
from kunstrute.validators import OneLine


class SubscribeForm(PublicForm):
    email = StringField(_l("E-mail"), validators=[
        DataRequired(_l("Write your e-mail address.")),
        Email(_l("This is not an e-mail address we can write to.")), Length(max=254)],
        render_kw={"type": "email", "autocomplete": "email", "inputmode": "email"})
    name = StringField(_l("Name (optional)"), validators=[Length(max=120)],
                       render_kw={"autocomplete": "name"})
    #: The label is the consent wording, set by the view (it names the site).
    consent = BooleanField(validators=[DataRequired(_l("Tick the box to subscribe."))])


class ConfirmForm(FlaskForm):
    """Only the CSRF token: the signed link names the subscription."""


class NewsletterForm(FlaskForm):
    subject = StringField(_l("Subject"), validators=[
        DataRequired(_l("Give the newsletter a subject.")), Length(max=200),
        OneLine(_l("Write the subject on one line, without line breaks."))])
    body_markdown = TextAreaField(_l("Text"), validators=[
        DataRequired(_l("Write the newsletter.")), Length(max=50000)])


class TestSendForm(FlaskForm):
    """Only the CSRF token: the test goes to the signed-in organiser."""


class SendForm(FlaskForm):
    """Only the CSRF token: the confirmation page has said to how many it goes."""
