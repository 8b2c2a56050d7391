"""What every command shares: a progress bar on stderr that leaves stdout to the report."""

import sys

import click


def progress(label: str):
    """Return a wrapper that shows a progress bar on stderr while items are consumed."""

    def wrap(items):
        items = list(items)
        with click.progressbar(items, label=label, file=sys.stderr, show_pos=True) as bar:
            yield from bar

    return wrap
