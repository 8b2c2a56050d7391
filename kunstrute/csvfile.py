"""CSV in and out: reading the files organisers actually have (UTF-8 with or without BOM,
Windows-1252; comma or semicolon), and the one writer every export uses."""

import csv
import io
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field


class UnusableInput(ValueError):
    """The file as a whole cannot be read; the message says why."""


#: No import has more than a few dozen columns; a header wider than this is not one of ours.
MAX_COLUMNS = 200
#: 3,000 artists with long bios fit in about 3 MB; larger files are refused before parsing.
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class Table:
    #: (line number where the record starts, {column: value}) for every non-empty record.
    rows: list[tuple[int, dict[str, str]]]
    encoding: str
    delimiter: str
    columns: list[str]
    ignored_columns: list[str] = field(default_factory=list)
    #: Records with more fields than the header: (line, how many fields).
    overlong: list[tuple[int, int]] = field(default_factory=list)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name): UTF-8 with or without BOM, else Windows-1252."""
    if not data.strip():
        raise UnusableInput("The file is empty.")
    if data.startswith(b"PK\x03\x04"):
        raise UnusableInput("This is an Excel workbook (.xlsx), not CSV: save it as CSV first.")
    if b"\x00" in data:
        raise UnusableInput("This is not a text file (it contains NUL bytes); save it as CSV.")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def normalise_header(name: str, aliases: Mapping[str, str]) -> str:
    """Return a header cell as a column name: lower case, _ for spaces, aliases resolved."""
    key = "_".join(name.strip().strip('"').lower().split())
    return aliases.get(key, aliases.get(key.replace("_", "-"), key))


def read_table(data: bytes, *, known: set[str], required: set[str],
               aliases: Mapping[str, str] | None = None, max_bytes: int = MAX_BYTES,
               max_columns: int = MAX_COLUMNS) -> Table:
    """Parse a CSV file; raise UnusableInput when its header cannot be used.

    Each importer passes its own columns and the names people give them (`aliases`). Files
    over `max_bytes` and headers over `max_columns` are refused before any real work.
    """
    if len(data) > max_bytes:
        raise UnusableInput(
            f"The file is {len(data) / 1_000_000:.1f} MB; at most "
            f"{max_bytes / 1_000_000:.1f} MB can be imported at once: split it into parts."
        )
    text, encoding = decode(data)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    if first_line.count(delimiter) == 0:
        raise UnusableInput(
            "The first line has no commas or semicolons: is it a CSV file with a header?"
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        cells = next(reader)
    except csv.Error as exc:
        raise UnusableInput(f"Line 1: the header cannot be read ({exc}).") from exc
    if len(cells) > max_columns:
        raise UnusableInput(
            f"The header has {len(cells)} columns; at most {max_columns} are allowed. "
            "Is the first line really the header?"
        )
    header = [normalise_header(h, aliases or {}) for h in cells]
    missing = sorted(required - set(header))
    if missing:
        raise UnusableInput(
            f"The header lacks the column(s) {', '.join(missing)}; it has: {', '.join(header)}."
        )
    duplicated = sorted(h for h, n in Counter(header).items() if h and n > 1)
    if duplicated:
        raise UnusableInput(f"The header names these columns twice: {', '.join(duplicated)}.")
    table = Table(rows=[], encoding=encoding, delimiter=delimiter, columns=header,
                  ignored_columns=[h for h in header if h not in known])
    start = reader.line_num + 1
    try:
        for record in reader:
            if any(value.strip() for value in record):
                if len(record) > len(header) and any(v.strip() for v in record[len(header):]):
                    table.overlong.append((start, len(record)))
                else:
                    values = {h: (record[i].strip() if i < len(record) else "")
                              for i, h in enumerate(header) if h in known}
                    table.rows.append((start, values))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise UnusableInput(f"Line {reader.line_num}: the file cannot be read ({exc}).") from exc
    return table


#: A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Return a cell's text that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(header: list[str], rows) -> str:
    """Return CSV text for Excel (UTF-8 with BOM, so æøå survive), every cell formula-safe.

    Numbers stay numbers (a negative change is not a formula); everything else is text.
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([safe_cell(value) for value in header])
    for row in rows:
        writer.writerow([value if _is_number(value) else safe_cell(value) for value in row])
    return out.getvalue()


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
