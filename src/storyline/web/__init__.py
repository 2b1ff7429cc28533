"""The web app and API: ``storyline serve`` (FastAPI, served by uvicorn).

``app``        the application: security headers, body size limit, token checks, JSON errors
``queries``    every read of the store, as parameterized SQL (lists, filters, search, actor)
``stories``    the story view's SQL, in one place (the stories tables)
``highlight``  an article's body as HTML, escaped segment by segment, its spans marked
``charts``     server-side SVG: a timeline and an actor network, every label escaped
``export``     list results as CSV or Parquet
``articles``   ``POST /api/articles``: read, analyse and store one article
``briefing``   the briefing page's body (the outputs' HTML briefing when it exists)
``pages``      the HTML pages; ``api`` the JSON endpoints
"""

from storyline.web.app import create_app

__all__ = ["create_app"]
