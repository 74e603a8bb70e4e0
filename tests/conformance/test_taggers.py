"""Every tagger: names itself, refuses unknown settings, works with no examples and with
some, scores every indicator in [0, 1] deterministically, and suggests best-first."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from tocsin.analysis.framework import taxonomy as tax
from tocsin.analysis.framework.suggest import TAGGERS, Example

TEXTS = [
    "Militias burned villages and killed civilians fleeing the attacks.",
    "Officials called the minority a threat and promised to remove them.",
    "",
]
EXAMPLES = [
    Example("Soldiers shot civilians in the market.", frozenset({"RF11.1"})),
    Example("The radio station broadcast calls to kill the minority.", frozenset({"RF7.3"})),
    Example("The harvest was good this year.", frozenset(), frozenset({"RF11.1"})),
]


@pytest.mark.parametrize("name", TAGGERS.names())
def test_tagger_contract(name: str) -> None:
    cls = TAGGERS.get(name)
    assert cls.name == name and cls.summary
    with pytest.raises(ValidationError):
        TAGGERS.create(name, not_a_setting=1)
    taxonomy = tax.default_taxonomy()
    for examples in ([], EXAMPLES):
        tagger = TAGGERS.create(name).fit(taxonomy, examples)
        scores = tagger.score(TEXTS)
        assert scores.shape == (len(TEXTS), len(taxonomy.indicators()))
        assert np.all((scores >= 0) & (scores <= 1))
        again = TAGGERS.create(name).fit(taxonomy, examples).score(TEXTS)
        assert np.array_equal(scores, again)
        top = tagger.suggest(TEXTS, k=3)
        assert all(len(row) == 3 for row in top)
        assert all(row[0][1] >= row[1][1] >= row[2][1] for row in top)
        assert {code for row in top for code, _ in row} <= set(tagger.indicator_codes)
    assert tagger.suggest([]) == []


@pytest.mark.parametrize("name", TAGGERS.names())
def test_tagger_needs_fit_first(name: str) -> None:
    with pytest.raises(RuntimeError, match="before fit"):
        _ = TAGGERS.create(name).indicator_codes
