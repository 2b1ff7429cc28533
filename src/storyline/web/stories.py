"""The story view's reads, all of its SQL in this module.

A story is a set of documents: cross-document linking (``storyline link``, and the end of
``storyline ingest``) fills the store's ``stories`` table, one row per story, and
``story_members``, one row per member document in linking order. Until linking has run the
tables are empty, and the pages and endpoints say "no stories in this store".
"""

from __future__ import annotations

from storyline.web import queries

STORY_LIST = (
    "SELECT s.story_id, count(DISTINCT s.doc_id) AS articles,"
    " min(CAST(d.published AS VARCHAR)) AS first_published, max(CAST(d.published AS VARCHAR)) AS last_published,"
    " min(d.headline) AS headline"
    " FROM story_members s JOIN documents d ON d.id = s.doc_id"
    " GROUP BY s.story_id ORDER BY last_published DESC NULLS LAST, s.story_id LIMIT ? OFFSET ?"
)
"""One row per story: its id, how many articles, the first and last publication dates."""

STORY_MEMBERS = (
    "SELECT d.id FROM story_members s JOIN documents d ON d.id = s.doc_id WHERE s.story_id = ?"
    " ORDER BY s.position"
)
"""The documents of one story, in linking order (oldest first)."""

NO_STORIES = "no stories in this store (cross-document linking has not grouped any articles yet)"


def story_list(con, page: queries.Page) -> tuple[list[str], list[tuple]]:
    cur = con.execute(STORY_LIST, [page.limit, page.offset])
    return [c[0] for c in cur.description], cur.fetchall()


def has_stories(con) -> bool:
    return con.execute("SELECT count(*) FROM stories").fetchone()[0] > 0


def story_documents(con, story_id: str) -> list:
    """The story's documents (an empty list for an unknown story)."""
    ids = [r[0] for r in con.execute(STORY_MEMBERS, [story_id]).fetchall()]
    return queries.documents(con, ids)
