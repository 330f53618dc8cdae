"""`python -m quiz_engine`: the same command-line tool as `quiz-engine`."""

import sys

from .cli import main

sys.exit(main())
