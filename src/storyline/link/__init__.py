"""Linking the documents of a story: wire copies, stories, one identity per actor, corroboration."""
