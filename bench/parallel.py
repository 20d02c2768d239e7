"""Chunks of persons generated in worker processes, the access log sealed in this one.

Each worker (forked, so it shares the generator's settings and the staff already written) takes a
chunk of persons, writes its clients, cases, inquiries, family, consents, status history and
consultation records over its own connection in one transaction, and hands back the chunk's
access-log entries ``unsealed``. The parent seals them into the program's chain in chunk order
(the chain is one sequence per program: the only part that cannot be split) and COPYs them. At
most ``AHEAD`` chunks per worker are in flight, so memory stays flat whatever the scale.
"""

import multiprocessing
from collections import deque

from django.db import connections, transaction
from django_scopes import scopes_disabled

from .history import ACCESS_ROWS

AHEAD = 2
_generator = None  # the forked worker's copy of the parent's generator, with the programs and staff


def run_in_workers(generator, programs: dict, staff: dict, chunks: list[tuple[str, int, int, int]]) -> None:
    global _generator
    _generator = (generator, programs, staff)
    connections.close_all()  # each process opens its own connection
    context = multiprocessing.get_context("fork")
    with context.Pool(generator.workers) as pool:
        pending: deque = deque()
        queue = iter(chunks)
        for chunk in queue:
            pending.append(pool.apply_async(_write_chunk, (chunk,)))
            if len(pending) >= generator.workers * AHEAD:
                break
        while pending:
            slug, persons, counts, links = pending.popleft().get()
            chunk = next(queue, None)
            if chunk is not None:
                pending.append(pool.apply_async(_write_chunk, (chunk,)))
            for label, n in counts.items():
                generator.progress.counts[label] += n
            generator.sink.add_rows(ACCESS_ROWS, map(generator.chain_of(programs[slug].pk).seal, links))
            generator.progress.persons_done(persons)
    _generator = None


def _write_chunk(chunk: tuple[str, int, int, int]):
    generator, programs, staff = _generator
    slug, first, stop, persons = chunk
    generator.progress.counts.clear()
    generator.unsealed = []
    with scopes_disabled(), transaction.atomic():
        generator.write_chunk(programs[slug], staff[slug], first, stop, persons)
    links, generator.unsealed = generator.unsealed, None
    return slug, stop - first, dict(generator.progress.counts), links
