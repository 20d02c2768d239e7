"""Small-cell protection for the city's officer: primary and secondary suppression.

A table is handed over as its *extended grid*: the cells, plus a last column of row totals and/or a
last row of column totals (the corner is the grand total). Every published total is a linear
equation over its line, so hiding 1–4 (primary) is not enough: a lone hidden cell in a line is its
total minus the others. Secondary suppression hides further entries until no hidden entry can be
worked out from the shown ones by any combination of row and column sums.

The test for "can be worked out" is exact linear algebra: with the shown values moved to the right
side, hidden entry k is determined iff the unit vector e_k lies in the row space of the equations
restricted to the hidden entries, i.e. iff the reduced row echelon form has a row whose only
non-zero is in column k. Tables here are small (a few dozen entries), so this runs in microseconds.
"""

PRIMARY_MIN, PRIMARY_MAX = 1, 4
# Rank over a large prime field: the equations are row/column sums (a network matrix, totally
# unimodular), so every minor is 0 or ±1 and the rank is the same as over the rationals.
PRIME = 2_147_483_647

Position = tuple[int, int]


def lines_of(rows: int, cols: int, *, row_totals: bool, col_totals: bool) -> list[list[tuple[Position, int]]]:
    """The published equations of the extended grid: each a list of (position, coefficient), sum 0."""
    body_rows = rows - 1 if col_totals else rows
    body_cols = cols - 1 if row_totals else cols
    lines = []
    if row_totals:
        for r in range(rows):
            lines.append([((r, c), 1) for c in range(body_cols)] + [((r, body_cols), -1)])
    if col_totals:
        for c in range(cols):
            lines.append([((r, c), 1) for r in range(body_rows)] + [((body_rows, c), -1)])
    return lines


def determined(lines, hidden: list[Position]) -> list[Position]:
    """The hidden entries whose value follows from the equations (see the module docstring)."""
    column = {position: i for i, position in enumerate(hidden)}
    matrix = []
    for line in lines:
        row = [0] * len(hidden)
        for position, coefficient in line:
            if position in column:
                row[column[position]] = coefficient % PRIME
        if any(row):
            matrix.append(row)
    pivots = _rref(matrix, len(hidden))
    return [hidden[col] for row, col in pivots if sum(1 for v in matrix[row] if v) == 1]


def _rref(matrix: list[list[int]], width: int) -> list[tuple[int, int]]:
    """Reduce ``matrix`` in place (mod PRIME); return (row, pivot column) pairs."""
    pivots, top = [], 0
    for col in range(width):
        found = next((r for r in range(top, len(matrix)) if matrix[r][col]), None)
        if found is None:
            continue
        matrix[top], matrix[found] = matrix[found], matrix[top]
        inverse = pow(matrix[top][col], PRIME - 2, PRIME)
        matrix[top] = [v * inverse % PRIME for v in matrix[top]]
        for r in range(len(matrix)):
            if r != top and matrix[r][col]:
                factor = matrix[r][col]
                matrix[r] = [(v - factor * p) % PRIME for v, p in zip(matrix[r], matrix[top], strict=True)]
        pivots.append((top, col))
        top += 1
    return pivots


def suppress(grid: list[list[int]], *, row_totals: bool, col_totals: bool) -> set[Position]:
    """Positions of ``grid`` (the extended grid) to show as 「*」.

    Primary: every entry from 1 to 4 (totals too). Secondary: while some hidden entries can be worked
    out, also hide the smallest shown entry on one of their lines — a non-zero before a zero, a cell
    before a total — until nothing hidden can be worked out.
    """
    rows, cols = len(grid), len(grid[0]) if grid else 0
    lines = lines_of(rows, cols, row_totals=row_totals, col_totals=col_totals)
    total_positions = {line[-1][0] for line in lines}
    hidden = {(r, c) for r in range(rows) for c in range(cols) if PRIMARY_MIN <= grid[r][c] <= PRIMARY_MAX}

    def cost(position: Position):
        value = grid[position[0]][position[1]]
        # A hidden 0 protects little (counts are never negative), so a total is hidden before a 0.
        return (value == 0, position in total_positions, value, position)

    while hidden:
        exposed = determined(lines, sorted(hidden))
        if not exposed:
            break
        exposed_set = set(exposed)
        candidates = {p for line in lines if any(q in exposed_set for q, _ in line) for p, _ in line}
        shown = [p for p in candidates if p not in hidden]
        if not shown:  # their lines are all hidden: worked out through other lines, widen the search
            shown = [(r, c) for r in range(rows) for c in range(cols) if (r, c) not in hidden]
        if not shown:
            break
        hidden.add(min(shown, key=cost))
    return hidden
