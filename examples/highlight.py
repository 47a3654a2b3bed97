"""Write a text with its facts highlighted (displaCy's span style) to an HTML page.

    python examples/highlight.py                          # the bundled article
    python examples/highlight.py article.txt page.html    # your own text, your own file

In a notebook, ``rareearth_extract.render(text)`` shows the same picture inline.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rareearth_extract import render
from rareearth_extract.display import FACT_COLORS

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else HERE / "kazakh_rare_earths.txt"
    target = Path(argv[1]) if len(argv) > 1 else Path("highlighted.html")
    html = render(source.read_text(encoding="utf-8"), jupyter=False)
    legend = " ".join(
        f'<span style="background:{color};padding:2px 6px;border-radius:3px">{name}</span>'
        for name, color in FACT_COLORS.items()
    )
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{source.name}</title></head>"
        f'<body style="font-family:sans-serif;max-width:60em;margin:2em auto">'
        f"<h1>{source.name}</h1><p>{legend}</p>{html}</body></html>"
    )
    target.write_text(page, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
