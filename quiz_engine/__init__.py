"""quiz_engine: quizzes for MkDocs sites, scored in the reader's browser by Python running in Pyodide.

The core (model, scoring, browser) uses the standard library only; it is what the browser loads.
The build-time faces live in the ``markdown`` and ``mkdocs`` subpackages and are never imported by the core.
"""

__version__ = "0.1.0"
