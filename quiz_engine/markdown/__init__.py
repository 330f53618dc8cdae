"""The `/// quiz` block for Python-Markdown: find and check questions, render them as accessible HTML."""

from .extension import QuizExtension, makeExtension
from .source import QuizSyntaxError

__all__ = ["QuizExtension", "QuizSyntaxError", "makeExtension"]
