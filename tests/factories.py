"""Every domain's factories under one name, for tests that span domains.

Each domain's factories live beside its tests (`tests/<domain>/factories.py`); a new domain
adds its own there and names them here.
"""

from tests.auth.factories import user
from tests.editions.factories import edition, municipality, participant, region
from tests.newsletter.factories import newsletter, subscriber
from tests.programme.factories import event

__all__ = ["edition", "event", "municipality", "newsletter", "participant", "region",
           "subscriber", "user"]
