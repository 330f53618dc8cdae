"""The question types: one module each in this folder (``choice``, ``order``, ``match``, ``text``,
``scale``, ``reflection``), found here by looking, so that a new type is one new module (and its
widget, its words in ``locales/`` and its tests). ``base`` says what a type defines; ``syntax`` is the
list reading they share.
"""

from __future__ import annotations

import importlib
import pkgutil

from .base import QuestionType

_SHARED = {"base", "syntax"}


def _discover() -> tuple[QuestionType, ...]:
    kinds = []
    for info in pkgutil.iter_modules(__path__):
        if info.name not in _SHARED and not info.name.startswith("_"):
            kinds.append(importlib.import_module(f"{__name__}.{info.name}").KIND)
    return tuple(sorted(kinds, key=lambda kind: kind.position))


KINDS = _discover()
TYPES: dict[str, QuestionType] = {name: kind for kind in KINDS for name in kind.names}
"""Every `type:` name, with the type that answers to it."""
QUESTION_TYPES = tuple(TYPES)
SCORED_TYPES = tuple(name for name, kind in TYPES.items() if kind.scored)
UNSCORED_TYPES = tuple(name for name, kind in TYPES.items() if not kind.scored)


def kind_of(name: str) -> QuestionType:
    """The type that answers to a `type:` name (KeyError for an unknown one)."""
    return TYPES[name]
