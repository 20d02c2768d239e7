"""Server-rendered SVG charts (no JavaScript; they print). Each is drawn from a shown table, so the
table on the page is its text alternative and a suppressed cell 「*」 is simply not drawn."""

from dataclasses import dataclass, field

from django.utils.html import format_html_join

from yorisoi.reports.shown import SUPPRESSED, ShownTable

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    title: str

    def __post_init__(self):
        # formatted once here: a template filter per coordinate costs more than the whole query
        self.x, self.y, self.width, self.height = (_n(v) for v in (self.x, self.y, self.width, self.height))


def _n(value: float) -> str:
    return f"{value:.1f}"


@dataclass
class Chart:
    key: str
    title: str
    description: str
    table_key: str
    bars: list[Bar] = field(default_factory=list)
    x_labels: list[tuple[float, float, str]] = field(default_factory=list)  # x, y, text
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    legend: list[tuple[int, str]] = field(default_factory=list)
    value_labels: list[tuple[float, float, str]] = field(default_factory=list)  # x, y, text
    horizontal: bool = False

    @property
    def tick_x(self) -> int:
        return self.left - 6

    def bars_svg(self) -> str:
        """Every bar as an SVG ``<rect>`` with its ``<title>``, joined here (a year has a hundred or so)."""
        return format_html_join(
            "",
            '<rect class="bar series-{}" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>',
            ((bar.series, bar.x, bar.y, bar.width, bar.height, bar.title) for bar in self.bars),
        )

    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom_y: int = HEIGHT - BOTTOM
    right_x: int = WIDTH - RIGHT


def _number(value) -> int:
    return 0 if value == SUPPRESSED else value


def _ticks(maximum: int, plot_height: float, bottom: float) -> tuple[float, list[tuple[float, str]]]:
    """A round scale top (4 steps of 1, 2 or 5 × 10ⁿ) and its tick labels."""
    magnitude = 1
    while True:
        step = next((n * magnitude for n in (1, 2, 5) if n * magnitude * 4 >= maximum), None)
        if step is not None:
            break
        magnitude *= 10
    top = step * 4
    return top, [(_n(bottom - plot_height * i / 4), str(i * step)) for i in range(5)]


def _suppressed_note(table: ShownTable) -> str:
    return "「*」の数（1〜4人・件など）はグラフに描いていません。" if table.suppressed else ""


def stacked_by_month(table: ShownTable, *, key: str, title: str) -> Chart:
    """Monthly columns stacked by the table's columns (e.g. 相談の形)."""
    plot_h = HEIGHT - TOP - BOTTOM
    series = [i for i in range(len(table.columns)) if any(_number(row.cells[i]) for row in table.rows)]
    sums = [sum(_number(row.cells[i]) for i in series) for row in table.rows]
    top, ticks = _ticks(max(sums, default=0), plot_h, HEIGHT - BOTTOM)
    slot = (WIDTH - LEFT - RIGHT) / max(len(table.rows), 1)
    chart = Chart(key, title, "", table.table.key, y_ticks=ticks)
    chart.legend = [(n, table.columns[i]) for n, i in enumerate(series)]
    for m, row in enumerate(table.rows):
        x, y = LEFT + slot * m + slot * 0.15, HEIGHT - BOTTOM
        for n, i in enumerate(series):
            value = _number(row.cells[i])
            if value:
                h = plot_h * value / top
                y -= h
                chart.bars.append(Bar(x, y, slot * 0.7, h, n, f"{row.label} {table.columns[i]}: {value}"))
        chart.x_labels.append(
            (_n(LEFT + slot * (m + 0.5)), _n(HEIGHT - BOTTOM + 18), _short_month(row.label))
        )
    first, last = table.rows[0].label if table.rows else "", table.rows[-1].label if table.rows else ""
    chart.description = (
        f"{first}から{last}までの{title}を、{'・'.join(label for _, label in chart.legend) or '項目'}"
        f"で積み上げた棒グラフです。数字は下の表「{table.table.title}」にあります。{_suppressed_note(table)}"
    )
    return chart


def grouped_by_month(table: ShownTable, *, key: str, title: str) -> Chart:
    """Side-by-side bars per month, one per column (e.g. 新規 and 終結)."""
    plot_h = HEIGHT - TOP - BOTTOM
    values = [[_number(v) for v in row.cells] for row in table.rows]
    top, ticks = _ticks(max((max(v, default=0) for v in values), default=0), plot_h, HEIGHT - BOTTOM)
    slot = (WIDTH - LEFT - RIGHT) / max(len(table.rows), 1)
    width = slot * 0.8 / max(len(table.columns), 1)
    chart = Chart(key, title, "", table.table.key, y_ticks=ticks, legend=list(enumerate(table.columns)))
    for m, row in enumerate(table.rows):
        for i, value in enumerate(values[m]):
            if value:
                h = plot_h * value / top
                x = LEFT + slot * m + slot * 0.1 + width * i
                chart.bars.append(
                    Bar(x, HEIGHT - BOTTOM - h, width, h, i, f"{row.label} {table.columns[i]}: {value}")
                )
        chart.x_labels.append(
            (_n(LEFT + slot * (m + 0.5)), _n(HEIGHT - BOTTOM + 18), _short_month(row.label))
        )
    chart.description = (
        f"月ごとの{'と'.join(table.columns)}の棒グラフです。数字は下の表「{table.table.title}」にあります。"
        f"{_suppressed_note(table)}"
    )
    return chart


def horizontal(table: ShownTable, *, key: str, title: str) -> Chart:
    """One horizontal bar per row (e.g. 年代)."""
    label_w, row_h = 120, 26
    height = TOP + row_h * len(table.rows) + BOTTOM
    values = [_number(row.cells[0]) for row in table.rows]
    plot_w = WIDTH - label_w - RIGHT - 40
    top = max(max(values, default=0), 1)
    chart = Chart(
        key,
        title,
        "",
        table.table.key,
        height=height,
        left=label_w,
        bottom_y=height - BOTTOM,
        horizontal=True,
    )
    for i, (row, value) in enumerate(zip(table.rows, values, strict=True)):
        y = TOP + row_h * i
        chart.x_labels.append((_n(label_w - 8), _n(y + row_h * 0.65), row.label))
        w = plot_w * value / top
        if value:
            chart.bars.append(Bar(label_w, y + 4, w, row_h - 8, 0, f"{row.label}: {value}"))
        chart.value_labels.append((_n(label_w + w + 6), _n(y + row_h * 0.65), str(row.cells[0])))
    chart.description = (
        f"{title}の横棒グラフです。数字は下の表「{table.table.title}」にあります。{_suppressed_note(table)}"
    )
    return chart


def _short_month(label: str) -> str:
    """「2025年4月」 -> 「4月」 (the year is in the title and the table)."""
    return label.split("年", 1)[-1]


def report_charts(tables: dict[str, ShownTable]) -> list[Chart]:
    """Over several months: monthly stacked modes, ages, new vs closed; within one month: modes and ages."""
    ages = horizontal(tables["age_bands"], key="chart-ages", title="年代別の実人数")
    if len(tables["monthly_modes"].rows) == 1:
        return [horizontal(tables["modes"], key="chart-modes", title="相談の形別の延べ件数"), ages]
    return [
        stacked_by_month(tables["monthly_modes"], key="chart-modes", title="月別の延べ件数（相談の形別）"),
        ages,
        grouped_by_month(tables["monthly_cases"], key="chart-cases", title="月別の新規と終結"),
    ]
