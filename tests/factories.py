"""Every domain's factories under one name, for tests that span domains.

Each domain's factories live beside its tests (`tests/<domain>/factories.py`); a new domain
adds its own there and names them here.
"""

from tests.applications.factories import applicant, application, artwork
from tests.auth.factories import user
from tests.editions.factories import edition, municipality, participant, region
from tests.media.factories import image_bytes, stored_image
from tests.newsletter.factories import newsletter, subscriber
from tests.programme.factories import event

__all__ = ["applicant", "application", "artwork", "edition", "event", "image_bytes",
           "municipality", "newsletter", "participant", "region", "stored_image", "subscriber",
           "user"]
