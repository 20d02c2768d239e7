"""Secondary suppression: no hidden cell can be worked out from the shown cells and totals."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from yorisoi.reports.suppression import lines_of, suppress


def extended(cells: list[list[int]], *, row_totals: bool, col_totals: bool) -> list[list[int]]:
    grid = [row + [sum(row)] if row_totals else list(row) for row in cells]
    if col_totals:
        grid.append([sum(column) for column in zip(*grid, strict=True)])
    return grid


def rank(matrix: list[list[Fraction]]) -> int:
    """Rank over the rationals by plain Gaussian elimination (independent of the code under test)."""
    m = [row[:] for row in matrix]
    rank_, cols = 0, len(m[0]) if m else 0
    for c in range(cols):
        pivot = next((r for r in range(rank_, len(m)) if m[r][c] != 0), None)
        if pivot is None:
            continue
        m[rank_], m[pivot] = m[pivot], m[rank_]
        for r in range(len(m)):
            if r != rank_ and m[r][c] != 0:
                f = m[r][c] / m[rank_][c]
                m[r] = [a - f * b for a, b in zip(m[r], m[rank_], strict=True)]
        rank_ += 1
    return rank_


def recoverable(grid, hidden, *, row_totals, col_totals) -> list:
    """Hidden entries fixed by the equations: dropping the entry's column lowers the rank."""
    hidden = sorted(hidden)
    lines = lines_of(len(grid), len(grid[0]), row_totals=row_totals, col_totals=col_totals)
    matrix = [[Fraction(dict(line).get(p, 0)) for p in hidden] for line in lines]
    full = rank(matrix)
    return [p for i, p in enumerate(hidden) if rank([row[:i] + row[i + 1 :] for row in matrix]) < full]


small_counts = st.one_of(st.integers(0, 6), st.integers(0, 40))
tables = st.integers(1, 5).flatmap(
    lambda cols: st.lists(st.lists(small_counts, min_size=cols, max_size=cols), min_size=1, max_size=6)
)


@settings(max_examples=300, deadline=None)
@given(cells=tables, row_totals=st.booleans(), col_totals=st.booleans())
def test_no_hidden_cell_can_be_recovered_from_the_totals(cells, row_totals, col_totals):
    # given a table with the totals the page shows
    grid = extended(cells, row_totals=row_totals, col_totals=col_totals)
    # when it is suppressed for the city
    hidden = suppress(grid, row_totals=row_totals, col_totals=col_totals)
    # then every 1–4 is hidden, and no hidden entry follows from the shown ones by row/column sums
    small = {(r, c) for r, row in enumerate(grid) for c, v in enumerate(row) if 1 <= v <= 4}
    assert small <= hidden
    assert recoverable(grid, hidden, row_totals=row_totals, col_totals=col_totals) == []


def test_a_lone_small_cell_in_a_column_hides_the_next_smallest_beside_it():
    # given 3 / 10 / 20 with the total 33
    grid = [[3], [10], [20], [33]]
    # when suppressed
    hidden = suppress(grid, row_totals=False, col_totals=True)
    # then 3 (primary) and 10 (secondary) are hidden; 20 and the total stay
    assert hidden == {(0, 0), (1, 0)}


def test_two_blocks_joined_by_one_hidden_cell_are_linked_again():
    """A hidden cell can be a bridge even when every line holds two hidden cells; it gets a partner."""
    # given a 4×4 table with two 2×2 blocks of small cells and one small cell joining them
    cells = [[2, 3, 9, 30], [3, 2, 30, 30], [30, 30, 2, 3], [30, 30, 3, 2]]
    cells[0][2] = 1
    grid = extended(cells, row_totals=True, col_totals=True)
    # when suppressed
    hidden = suppress(grid, row_totals=True, col_totals=True)
    # then nothing hidden can be recovered, the joining cell included
    assert (0, 2) in hidden
    assert recoverable(grid, hidden, row_totals=True, col_totals=True) == []


def test_large_counts_and_zeros_are_left_alone():
    grid = [[0, 12], [7, 30], [7, 42]]
    assert suppress(grid, row_totals=False, col_totals=True) == set()
