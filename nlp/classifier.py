"""Intent classifier: character and word n-gram TF-IDF with a multinomial logistic regression.

Entity spans are replaced by placeholders first, so the model learns the phrasing around
an account or a person rather than the names seen in training.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from nlp.slots import Entity

_PLACEHOLDERS = {"account": " Ⓐ ", "contact": " Ⓒ ", "competitor": " Ⓚ "}
_DIGITS = re.compile(r"\d")
MAX_CHARS = 600


def normalise(text: str, entities: Sequence[Entity]) -> str:
    """Lower-case text with entities replaced by placeholders and digits folded to 0."""
    parts: list[str] = []
    pos = 0
    for entity in sorted(entities, key=lambda e: e.start):
        if entity.start < pos:
            continue
        parts.append(text[pos : entity.start])
        parts.append(_PLACEHOLDERS.get(entity.label, " "))
        pos = entity.end
    parts.append(text[pos:])
    return _DIGITS.sub("0", "".join(parts)[:MAX_CHARS].lower())


class IntentClassifier:
    """Fit on (normalised text, intent) pairs; predicts intent probabilities.

    A linear SVM trains in about a second on CPU and scored best on held-out data; its
    margins are turned into probabilities with a softmax (for confidence and alternatives).
    """

    TEMPERATURE = 0.25

    def __init__(self) -> None:
        self.chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, min_df=2
        )
        self.words = TfidfVectorizer(
            analyzer="word",
            ngram_range=(1, 2),
            sublinear_tf=True,
            token_pattern=r"(?u)\b\w[\w'/]*\b",
        )
        self.model = LinearSVC(C=0.5)
        self.classes: list[str] = []
        self._weights = np.zeros((0, 0))
        self._bias = np.zeros(0)

    def _matrix(self, texts: Sequence[str], *, fit: bool = False) -> sp.csr_matrix:
        if fit:
            parts = [self.chars.fit_transform(texts), self.words.fit_transform(texts)]
        else:
            parts = [self.chars.transform(texts), self.words.transform(texts)]
        return sp.hstack(parts).tocsr()

    def fit(self, texts: Sequence[str], intents: Sequence[str]) -> IntentClassifier:
        self.model.fit(self._matrix(list(texts), fit=True), list(intents))
        self.classes = [str(c) for c in self.model.classes_]
        # A contiguous (features x classes) copy: sklearn's coef_.T product costs milliseconds.
        self._weights = np.ascontiguousarray(self.model.coef_.T)
        self._bias = np.asarray(self.model.intercept_, dtype=float)
        return self

    def scores(self, text: str) -> np.ndarray:
        result: np.ndarray = np.asarray(self._matrix([text]) @ self._weights)[0] + self._bias
        return result

    def predict_proba(self, text: str) -> np.ndarray:
        margins = self.scores(text) / self.TEMPERATURE
        exp = np.exp(margins - margins.max())
        proba: np.ndarray = exp / exp.sum()
        return proba
