"""The thin MkDocs plugin: adds the `/// quiz` extension, site-wide checks, and the browser assets."""
