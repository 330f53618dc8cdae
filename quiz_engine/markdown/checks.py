"""Checks across a page's blocks: ids (given or made from the title, unique), pools and learning objectives."""

from __future__ import annotations

from ..model import SCORED_TYPES
from ..types.syntax import QuizSyntaxError
from .blocks import FoundBlock, QuestionSource
from .page import Objective, slugify
from .scan import LineNumber


def check_objectives(found: list[FoundBlock], objectives: list[Objective], keep_going: bool) -> None:
    """On a page with learning objectives, each scored question names the one it checks; elsewhere none."""
    count = len(objectives)
    for block in found:
        source = block.source
        if source is None or source.type not in SCORED_TYPES:
            continue
        error = None
        if count and not source.objective:
            error = QuizSyntaxError(
                source.line,
                "the question does not say which learning objective it checks",
                f"add `    objective: N` under the header, N being the number of the objective in the page's "
                f"`## Learning objectives` list (1 to {count})",
            )
        elif source.objective and not count:
            error = QuizSyntaxError(
                source.objective_line,
                f"`objective: {source.objective}` names a learning objective, but the page lists none",
                "add a `## Learning objectives` section with a list of objectives, or remove `objective:`",
            )
        elif source.objective > count:
            error = QuizSyntaxError(
                source.objective_line,
                f"`objective: {source.objective}` names no objective: the page lists {count}",
                f"write a number from 1 to {count}, the objective's place in the `## Learning objectives` list",
            )
        if error is not None:
            if not keep_going:
                raise error
            block.source, block.error = None, error


def assign_ids(found: list[FoundBlock], id_prefix: str, keep_going: bool) -> None:
    used: dict[str, int] = {}
    for block in found:
        named = block.source or block.pool
        if named is None or not named.explicit_id:
            continue
        if named.explicit_id in used:
            error = QuizSyntaxError(
                named.line,
                f"the id `{named.explicit_id}` is already used on line {used[named.explicit_id]}",
                "give each question and pool its own id",
            )
            if not keep_going:
                raise error
            block.source, block.pool, block.error = None, None, error
            continue
        used[named.explicit_id] = named.line
    for number, block in enumerate(found, start=1):
        named = block.source or block.pool
        if named is None:
            continue
        if isinstance(named, QuestionSource):
            named.hash = named.content_hash()
        if named.explicit_id:
            named.id = named.explicit_id
            continue
        base = "-".join(part for part in (id_prefix, slugify(named.title) or f"q{number}") if part)
        base = base[:72].strip("-")
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        named.id = candidate
        used[candidate] = named.line


def check_pools(found: list[FoundBlock], pools: list[FoundBlock], number: LineNumber, keep_going: bool) -> None:
    for pool_block in pools:
        pool = pool_block.pool
        if pool is None:
            continue
        members = [b.source for b in found if b.source is not None and pool_block.start < b.start < pool_block.end]
        scored = [q for q in members if q.to_question().scored]
        for question in members:
            question.pool = pool.id
        pool.questions = [q.id for q in members]
        error = None
        if len(members) != len(scored):
            error = QuizSyntaxError(
                pool.line, "a question pool can only hold scored questions", "move scales and reflections out of it"
            )
        elif len(members) < 2:
            error = QuizSyntaxError(
                pool.line, "this question pool holds fewer than two questions", "put `/// quiz` blocks inside it"
            )
        elif pool.draw > len(members):
            error = QuizSyntaxError(
                pool.line,
                f"the pool draws {pool.draw} questions but holds only {len(members)}",
                f"lower `draw:` to at most {len(members)}, or add questions",
            )
        if error is not None:
            if not keep_going:
                raise error
            pool_block.pool, pool_block.error = None, error
