"""The revenue chart: net sales per row, drawn server-side to SVG with Thai labels.

matplotlib is imported on first use only (it is slow to import) with the Agg backend."""

from __future__ import annotations

import io
import threading
from functools import cache

from services.web.console.shop.revenue import RevenueTable

_LOCK = threading.Lock()  # pyplot keeps global state
MOST_BARS = 30


@cache
def _pyplot():  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, pyplot

    from services.web.console.shop.fonts import font_file

    for weight in ("Regular", "Bold"):
        font_manager.fontManager.addfont(str(font_file(weight)))
    matplotlib.rcParams["font.family"] = "Sarabun"
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text (Thai, searchable)
    return pyplot


def revenue_chart_svg(table: RevenueTable) -> str:
    """A horizontal bar chart of net sales (the largest MOST_BARS rows): an <svg> element to
    put inline in a page (no XML prolog)."""
    lines = sorted(table.lines, key=lambda line: line.net_sales, reverse=True)[:MOST_BARS]
    if table.by == "day":
        lines = sorted(lines, key=lambda line: line.key or "")
    labels = [line.label[:40] for line in lines]
    values = [float(line.net_sales) for line in lines]  # bar lengths only; figures stay exact
    th, en = table.heading
    with _LOCK:
        plt = _pyplot()
        figure, axes = plt.subplots(figsize=(8, max(2.5, 0.38 * len(lines) + 1.2)))
        try:
            axes.barh(range(len(lines)), values, color="#2e7d32")
            axes.set_yticks(range(len(lines)), labels)
            axes.invert_yaxis()
            axes.set_xlabel("ยอดขายสุทธิ (บาท) / Net sales (THB)")
            axes.set_title(f"ยอดขายตาม{th} / Revenue by {en.lower()}")
            axes.xaxis.set_major_formatter(lambda value, _pos: f"{value:,.0f}")
            figure.tight_layout()
            out = io.StringIO()
            figure.savefig(out, format="svg")
        finally:
            plt.close(figure)
    svg = out.getvalue()
    return svg[svg.index("<svg") :]
