"""The packaged multilingual sentence encoder loads offline and embeds zh/en alike."""

from __future__ import annotations

import numpy as np

from nlp.encoder import SentenceEncoder, model_path


def test_encoder_embeds_across_languages() -> None:
    assert model_path().exists()
    vectors = SentenceEncoder().encode(["send me the pricing sheet", "把价格表发我", "周末去爬山"])
    assert vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2])
    assert SentenceEncoder().encode([]).shape == (0, 512)
