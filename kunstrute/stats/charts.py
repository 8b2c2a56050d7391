"""Charts drawn on the server as SVG, from the same Table a page shows as its data table.

No script and no style attribute: every mark carries a class (chart-bar, chart-series-1,
chart-axis, …) that static/css/stats.css colours, so the strict CSP stays as it is and a
printed page uses the same stylesheet. Every text is escaped here (a municipality's name
is data). The SVG is role="img" with a <title>; the data table beside it is what a screen
reader reads, and the CSV download holds the same rows.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from kunstrute.stats.tables import ChartKind, Column, Kind, Table, format_value

WIDTH = 640
#: Room for the labels left of horizontal bars and under the columns.
LABEL_WIDTH, BAR_HEIGHT, AXIS_HEIGHT, TOP = 190, 22, 28, 12


def chart_svg(table: Table) -> Markup:
    """Return the table's chart as inline SVG markup, or empty markup when it has none."""
    if table.chart is None or not table.rows:
        return Markup("")
    draw = {ChartKind.BARS: _bars, ChartKind.COLUMNS: _columns, ChartKind.LINES: _lines,
            ChartKind.PROGRESS: _progress}
    height, marks = draw[table.chart](table, **table.chart_options)
    return Markup(
        '<svg class="chart chart-{kind}" viewBox="0 0 {w} {h}" role="img" '
        'aria-labelledby="chart-{slug}-title" focusable="false" '
        'preserveAspectRatio="xMinYMin meet">'
        '<title id="chart-{slug}-title">{title}</title>{marks}</svg>').format(
        kind=table.chart.value, w=WIDTH, h=height, slug=escape(table.slug),
        title=table.title, marks=Markup("").join(marks))


def _value_columns(table: Table, series: tuple[int, ...] | None) -> list[int]:
    numeric = [i for i, c in enumerate(table.columns) if c.kind not in (Kind.TEXT, Kind.DATE)]
    return list(series) if series else numeric[:1]


def _peak(table: Table, columns: list[int]) -> float:
    values = [row[i] for row in table.rows for i in columns if row[i] is not None]
    return max([*values, 0]) or 1


def _text(x: float, y: float, text, css: str, anchor: str = "start") -> Markup:
    return Markup('<text class="{css}" x="{x:.1f}" y="{y:.1f}" text-anchor="{a}">{t}</text>'
                  ).format(css=css, x=x, y=y, a=anchor, t=text)


def _label(row: tuple, column: Column) -> str:
    return format_value(row[0], column.kind)


def _bars(table: Table, series: tuple[int, ...] | None = None) -> tuple[int, list[Markup]]:
    """Horizontal bars, one row per label; several series sit under each other."""
    columns = _value_columns(table, series)
    peak, room = _peak(table, columns), WIDTH - LABEL_WIDTH - 90
    step = BAR_HEIGHT * len(columns) + 8
    marks = []
    for n, row in enumerate(table.rows):
        top = TOP + n * step
        marks.append(_text(LABEL_WIDTH - 8, top + step / 2, _label(row, table.columns[0]),
                           "chart-label", "end"))
        for s, i in enumerate(columns):
            value = row[i] or 0
            width, y = room * value / peak, top + s * BAR_HEIGHT
            marks.append(Markup(
                '<rect class="chart-bar chart-series-{s}" x="{x}" y="{y}" width="{w:.1f}" '
                'height="{h}"></rect>').format(s=s + 1, x=LABEL_WIDTH, y=y, w=width,
                                               h=BAR_HEIGHT - 4))
            marks.append(_text(LABEL_WIDTH + width + 6, y + BAR_HEIGHT - 8,
                               format_value(row[i], table.columns[i].kind), "chart-value"))
    return TOP + len(table.rows) * step + 4, marks


def _columns(table: Table, series: tuple[int, ...] | None = None) -> tuple[int, list[Markup]]:
    """Vertical columns along the rows' order (days), the value above each one."""
    column = _value_columns(table, series)[0]
    height, left = 220, 8
    plot = height - AXIS_HEIGHT - TOP - 16
    peak, slot = _peak(table, [column]), (WIDTH - left) / len(table.rows)
    marks = [Markup('<line class="chart-axis" x1="{x}" x2="{w}" y1="{y}" y2="{y}"></line>'
                    ).format(x=left, w=WIDTH, y=height - AXIS_HEIGHT)]
    for n, row in enumerate(table.rows):
        value = row[column] or 0
        bar = plot * value / peak
        x, y = left + n * slot + slot * 0.15, height - AXIS_HEIGHT - bar
        marks.append(Markup('<rect class="chart-bar chart-series-1" x="{x:.1f}" y="{y:.1f}" '
                            'width="{w:.1f}" height="{h:.1f}"></rect>').format(
            x=x, y=y, w=slot * 0.7, h=bar))
        centre = x + slot * 0.35
        marks.append(_text(centre, y - 4, format_value(row[column], table.columns[column].kind),
                           "chart-value", "middle"))
        marks.append(_text(centre, height - 10, _short(row[0]), "chart-label", "middle"))
    return height, marks


def _short(value) -> str:
    """Return an axis label: a date as day.month, anything else as it is."""
    return f"{value.day}.{value.month}" if hasattr(value, "day") else str(value)


def _lines(table: Table, series: tuple[int, ...] | None = None) -> tuple[int, list[Markup]]:
    """One polyline per series over the rows (x = the first column), a dot per value."""
    columns = _value_columns(table, series)
    height, left = 240, 8
    plot, peak = height - AXIS_HEIGHT - TOP - 30, _peak(table, columns)
    slot = (WIDTH - left - 16) / max(len(table.rows) - 1, 1)
    marks = [Markup('<line class="chart-axis" x1="{x}" x2="{w}" y1="{y}" y2="{y}"></line>'
                    ).format(x=left, w=WIDTH, y=height - AXIS_HEIGHT)]
    for s, i in enumerate(columns):
        points = [(left + 8 + n * slot, height - AXIS_HEIGHT - plot * row[i] / peak)
                  for n, row in enumerate(table.rows) if row[i] is not None]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        marks.append(Markup('<polyline class="chart-line chart-series-{s}" points="{p}">'
                            '</polyline>').format(s=s + 1, p=path))
        marks += [Markup('<circle class="chart-dot chart-series-{s}" cx="{x:.1f}" cy="{y:.1f}" '
                         'r="3"></circle>').format(s=s + 1, x=x, y=y) for x, y in points]
        marks.append(_text(left + 8 + s * 180, height - 2, table.columns[i].label,
                           f"chart-legend chart-series-{s + 1}"))
    for n, row in enumerate(table.rows):
        marks.append(_text(left + 8 + n * slot, height - AXIS_HEIGHT + 14, _short(row[0]),
                           "chart-label", "middle"))
    return height, marks


#: How far past the target a progress bar may run before it is cut (the value says the rest).
PROGRESS_CAP = 1.5


def _progress(table: Table, statuses: tuple[str, ...] = ()) -> tuple[int, list[Markup]]:
    """A bar per row up to its progress (a share), the row's label above it, a target line.

    The bar's length is the progress on a scale where the dashed line is 100 % (the target);
    past 150 % it is cut. Each bar carries its status as a class (chart-status-met, …). Its
    text is larger than the other charts' (stats.css), so a phone can read it.
    """
    column = next(i for i, c in enumerate(table.columns) if c.kind == Kind.SHARE)
    left, room, row_height, bar = 8, WIDTH - 8 - 110, 64, 22
    peak = max([PROGRESS_CAP if (row[column] or 0) > 1 else 1.0 for row in table.rows])
    target_x = left + room / peak
    marks = []
    for n, row in enumerate(table.rows):
        top = TOP + n * row_height
        status = statuses[n] if n < len(statuses) else "none"
        marks.append(_text(left, top + 18, _clip(str(row[0])), "chart-label"))
        progress = min(row[column] or 0, peak)
        marks.append(Markup(
            '<rect class="chart-track" x="{x}" y="{y}" width="{w:.1f}" height="{h}"></rect>'
            '<rect class="chart-bar chart-progress chart-status-{s}" x="{x}" y="{y}" '
            'width="{b:.1f}" height="{h}"></rect>').format(
            x=left, y=top + 28, w=room, h=bar, b=room * progress / peak, s=escape(status)))
        marks.append(_text(left + room + 8, top + 46, format_value(row[column], Kind.SHARE),
                           "chart-value"))
    bottom = TOP + len(table.rows) * row_height
    marks.append(Markup('<line class="chart-target" x1="{x:.1f}" x2="{x:.1f}" y1="{y1}" '
                        'y2="{y2}"></line>').format(x=target_x, y1=TOP + 24, y2=bottom))
    marks.append(_text(target_x, bottom + 20, "100 %", "chart-label", "middle"))
    return bottom + 28, marks


def _clip(text: str, length: int = 56) -> str:
    """Return a label that fits the chart's width; the table beside it has the whole text."""
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"
