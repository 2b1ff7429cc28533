"""Folding keeps offsets: each character folds to exactly one."""

from __future__ import annotations

from storyline.textutil import fold, fold_char, fold_preserving


def test_fold_preserving_is_fold_char_of_each_character_and_keeps_the_length():
    text = "Rodr\u00edguez, Melik\u2011Bagdasarov said \u2018no\u2019 in \u0130stanbul `quoted` \u2014 \u00bd \ufb01le"
    folded = fold_preserving(text)
    assert folded == "".join(fold_char(c) for c in text)
    assert len(folded) == len(text)
    assert folded.startswith("rodriguez, melik-bagdasarov said 'no' in istanbul 'quoted' - ")


def test_fold_preserving_of_many_distinct_characters_stays_right_past_the_tables_bound():
    from storyline import textutil

    text = "".join(chr(c) for c in range(0x4E00, 0x4E00 + textutil._FOLD_KEPT + 10))
    assert fold_preserving(text) == "".join(fold_char(c) for c in text)
    assert len(textutil._FOLD_TABLE) <= textutil._FOLD_KEPT


def test_fold_meets_spelling_variants():
    assert fold("Rodr\u00edguez") == fold("Rodriguez") and fold("U.S.") == "us"


def test_alternation_matches_what_the_longest_first_alternation_matches():
    import random
    import re

    from storyline.textutil import alternation

    rng = random.Random(7)
    words = ["prime minister", "president", "pres", "prime", "p.m.", "a", "ab", "abc", "x|y", "(b)"]
    words += ["".join(rng.choice("abc. ") for _ in range(rng.randint(1, 6))) for _ in range(60)]
    longest_first = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    for bounds in (("", ""), (r"(?<![\w-])", r"(?![\w-])")):
        trie = re.compile(bounds[0] + "(?:" + alternation(words) + ")" + bounds[1])
        plain = re.compile(bounds[0] + "(?:" + longest_first + ")" + bounds[1])
        for _ in range(300):
            text = "".join(rng.choice("abc. pm-rx|y()") for _ in range(40))
            assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)], text
    assert re.fullmatch(alternation([]), "") is None
