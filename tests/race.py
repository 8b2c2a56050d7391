"""Simulate two simultaneous requests: another one finishes between a lookup and an insert."""

from concurrent.futures import ThreadPoolExecutor

from kunstrute.extensions import db


def in_another_request(app, work):
    """Run work() in its own thread, app context, session and transaction; commit; return."""
    def run():
        with app.app_context():
            result = work()
            db.session.commit()
            db.session.remove()
            return result

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result(timeout=60)


def rival_after_first_lookup(monkeypatch, module, name, rival):
    """Patch module.name so that its first call misses and rival() then runs to the end.

    As when two requests look the address up at the same moment and the other one stores
    it first: this request's lookup found nothing, and the row exists when it inserts.
    """
    real = getattr(module, name)
    outcome = []

    def lookup(*args, **kwargs):
        found = real(*args, **kwargs)
        if not lookup.fired:
            lookup.fired = True  # the rival's own lookups are real ones
            outcome.append(rival())
        return found

    lookup.fired = False
    monkeypatch.setattr(module, name, lookup)
    return outcome
