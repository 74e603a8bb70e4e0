"""The speech-classifier plug-in interface and the default model.

A classifier scores texts for hateful speech (0-1), names the category (dehumanisation,
threat, derogation, slur, none) and the target group. Every classifier registers with
:data:`CLASSIFIERS` and passes ``tests/conformance/test_speech_classifiers.py``.

The default, ``tocsin-ngram``, is a linear model on hashed word and character n-grams
of the *normalised* text (see ``normalise.py``), built so that it does not only memorise
words:

- **negation scope**: words after a negator (up to the next punctuation, at most four
  words) become ``n_<word>`` features, and **quotation**: words inside quotes become
  ``q_<word>``. So "I don't hate Muslims" and "calling them 'vermin' is racist" do not
  carry the weight of the hateful words themselves; character n-grams see only the words
  outside negation and quotes. A negator among a question's first words asks rather than
  denies ("aren't they just vermin?", 2.34) and opens no scope. A listed negator that
  is another word in the text's language (Portuguese "no", in the) opens none (2.36).
- **group mentions**: ``__grp_<target>__`` features (neutral group words, ``cues.py``) let
  the model learn what is said *about* a group rather than which group is named.
- **counter-speech cues** (``racism``, ``condemn``, ``stand with`` ...) and the **threat**
  and **dehumanisation** cues are features of their own.
- **cue scope** (2.2): hostile words said of a group (``__grp_hostile__``), denied
  (``__grp_neg_hostile__``, ``__neg_hostile__``) or quoted (``__quote_hostile__``), and
  praise of a group (``__grp_positive__``); group names are left out of the character
  n-grams, so what is said about a group weighs more than which group is named. A
  profane word aimed at a group's name ("putain de {g}", 2.31) counts as a hostile word.

The category is decided by cues outside negation and quotes (threat > dehumanisation >
slur > derogation); the target by the groups mentioned, else by the group a listed slur
targets (``data/slurs.csv``), else by a target head trained on the hateful texts with
target labels (MLMA, ETHOS).
"""

from __future__ import annotations

import re
import zlib
from abc import abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import joblib
import numpy as np
import pandas as pd
from pydantic import Field
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression, SGDClassifier

from tocsin.analysis.speech import cues, gazetteer, language
from tocsin.analysis.speech.language import UNSUPPORTED
from tocsin.analysis.speech.normalise import CJK, MYANMAR, normalise, words
from tocsin.plugins import Plugin, PluginSettings, Registry

THRESHOLD = 0.5


class ModelFileError(ValueError):
    """A saved model file is missing, unreadable or not a speech classifier."""


@dataclass
class Predictions:
    """Per-text results, aligned with the input texts."""

    score: np.ndarray
    category: list[str]
    target: list[str]
    label: list[str] = field(default_factory=list)
    normalised: list[str] = field(default_factory=list)  # the texts after normalise()
    cue_category: list[str] = field(default_factory=list)  # category from cues, any score
    target_named: list[bool] = field(default_factory=list)  # target from a name or slur
    lang: list[str] = field(default_factory=list)  # detected (or given) language per text
    cues: list[list[str]] = field(default_factory=list)  # cues that fired, per text

    def __post_init__(self) -> None:
        if not self.label:
            self.label = ["hateful" if s >= THRESHOLD else "non-hateful" for s in self.score]


class SpeechClassifier(Plugin):
    """Base class of speech classifiers."""

    version: ClassVar[str] = "0"
    # versions whose saved weights fit this code's features (the model reads text the same)
    reads_versions: ClassVar[tuple[str, ...]] = ("0",)
    metrics: dict[str, object]  # held-out metrics, set when the model is trained

    @abstractmethod
    def fit(self, corpus: pd.DataFrame) -> None:
        """Fit on a frame with ``text``, ``lang``, ``hateful``, ``target`` (corpora layout)."""

    @abstractmethod
    def predict(self, texts: Sequence[str], lang: str | None = None) -> Predictions:
        """Score ``texts``; ``lang`` is an optional hint (ISO 639-1)."""

    def save(self, path: Path) -> None:
        """Write the fitted model to ``path`` (atomically)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        joblib.dump(self, tmp, compress=3)
        tmp.replace(path)


def load_model(path: Path) -> SpeechClassifier:
    """A classifier saved with :meth:`SpeechClassifier.save` (only load your own files:
    the format is a pickle)."""
    if not path.is_file():
        raise ModelFileError(f"no speech model at {path}: run `tocsin speech train` first")
    try:
        model = joblib.load(path)
    except Exception as exc:  # noqa: BLE001 - any unpickling failure means a bad file
        raise ModelFileError(f"{path}: not a readable speech model: {exc}") from exc
    if not isinstance(model, SpeechClassifier):
        raise ModelFileError(f"{path}: holds a {type(model).__name__}, not a speech classifier")
    trained = getattr(model, "metrics", {}).get("version")
    if trained and trained not in type(model).reads_versions:
        raise ModelFileError(
            f"{path}: trained by {model.name} {trained}, which this version "
            f"({type(model).version}) cannot read: run `tocsin speech train`"
        )
    return model


CLASSIFIERS: Registry[SpeechClassifier] = Registry("speech classifier")

_RUN_GAP = re.compile(
    r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])|(?<=[\u1000-\u109f]) (?=[\u1000-\u109f])"
)
_BOUNDARY = set(".,;:!?()[]。、")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
NEGATION_SCOPE = 4
CLAUSE = 10_000  # scope to the end of the clause (punctuation or a scope ender)
_HOSTILE = {"cue:threat", "cue:dehum", "cue:slur", *(f"grp:{g}" for g in cues.TARGETS)}
_HOSTILE_WORDS = {"cue:threat", "cue:dehum", "cue:slur", "cue:derog"}
# "derog" has no feature of its own: a derogatory word alone is abuse; only its scope counts
_CUE_KINDS = ("counter", "threat", "dehum", "slur", "positive")


@dataclass(frozen=True)
class Analysis:
    """What the feature builder sees in one text."""

    normalised: str
    tokens: list[str]  # marked: n_ for negated, q_ for quoted
    plain: str  # the words outside negation and quotes
    chars: str  # what character n-grams read: ``plain`` without group names
    extras: list[str]  # feature tokens: groups, cues

    @property
    def plain_words(self) -> list[str]:
        """The tokens outside negation and quotes (Mandarin per character)."""
        return [t for t in self.tokens if t[:2] not in ("n_", "q_")]


def analyse(text: str, lang: str | None = None) -> Analysis:
    """Normalise, mark negation and quotation scope, and find groups and cues. With the
    text's language ``lang``, a listed negator that is another word there opens no scope
    (decision 0548)."""
    negators = cues.negators_of(lang)
    norm = normalise(text.translate(_APOSTROPHES))
    tokens: list[str] = []
    plain: list[str] = []
    quoted = False
    negated = 0
    raw_tokens = words(norm)
    # a negator that asks (decision 0546) or restricts ("ne ... que", decision 0559)
    # denies nothing
    asking = _asking_negators(raw_tokens, negators) | cues.restrictive_negators(raw_tokens)
    for i, tok in enumerate(raw_tokens):
        if tok in cues.QUOTE_CHARS:
            quoted = not quoted
            negated = 0
            continue
        if tok in _BOUNDARY:
            # German and Polish write a comma before "dass"/"że": a denied clause goes on
            goes_on = negated > NEGATION_SCOPE and tok == "," and i + 1 < len(raw_tokens)
            if not (goes_on and raw_tokens[i + 1] in cues.COMPLEMENTISERS):
                negated = 0
            tokens.append(tok)
            continue
        if tok in cues.SCOPE_ENDERS:
            negated = 0
        asks = i in asking
        if (
            tok in cues.NEGATORS_AFTER
            and not (quoted or asks)
            and plain
            and tokens[-1] == plain[-1]
        ):
            tokens[-1] = "n_" + plain.pop()  # the word denied comes before the negator
        if quoted:
            tokens.append("q_" + tok)
        elif negated:
            tokens.append("n_" + tok)
            # a denied verb of saying denies its whole clause
            negated = CLAUSE if tok in cues.SCOPE_WIDENERS else negated - 1
        else:
            tokens.append(tok)
            plain.append(tok)
        if tok in negators and not (quoted or asks):
            # "nieprawda" (untrue) denies its clause as "not true" does, and so does a
            # negator after a verb of saying ("ich glaube nicht, dass ...", decision 0533)
            widens = tok in cues.SCOPE_WIDENERS or (
                i > 0 and raw_tokens[i - 1] in cues.SCOPE_WIDENERS
            )
            negated = max(negated, CLAUSE if widens else NEGATION_SCOPE)
    plain_text = " ".join(plain)
    # character n-grams do not read group names: the __grp_*__ features stand for them, so
    # the model learns what is said about a group rather than which group is named
    chars = " ".join(t for t in plain if not cues.INDEX.names_group(t))
    if CJK.search(plain_text) or MYANMAR.search(plain_text):  # n-grams over each run
        plain_text = _RUN_GAP.sub("", plain_text)
        chars = _RUN_GAP.sub("", chars)
    found = cues.INDEX.find(plain)
    if cues.separable_threat(tokens, _BOUNDARY):  # "ich bringe jeden ... um" (decision 0554)
        found.add("cue:threat")
    denies = any(t[:2] == "n_" for t in tokens)  # both readings need a negation in force
    if denies and cues.denied_life(tokens, _BOUNDARY):  # "{g} don't deserve to live" (0560)
        found.add("cue:threat")
    if denies and cues.denied_right(tokens, _BOUNDARY):  # "{g} shouldn't be allowed to vote"
        found.add("cue:derog")
    if cues.profanity_at_group(tokens):  # "putain de {g}" says "I hate {g}" (decision 0543)
        found.add("cue:derog")
    extras = [f"__grp_{g.replace(' ', '_')}__" for g in cues.TARGETS if f"grp:{g}" in found]
    negated_found: set[str] = set()
    quoted_found: set[str] = set()
    if len(plain) < len(tokens):
        negated_found = cues.INDEX.find([t[2:] for t in tokens if t[:2] == "n_"])
        quoted_found = cues.INDEX.find([t[2:] for t in tokens if t[:2] == "q_"])
        found |= (negated_found | quoted_found) & {"cue:counter"}  # counter cues count anywhere
    extras += [f"__{k}__" for k in _CUE_KINDS if f"cue:{k}" in found]
    if "cue:counter" in found and found & _HOSTILE:  # hate repeated in order to condemn it
        extras.append("__counter_hostile__")
    # cue scope: what is hostile is said of a group, denied, or quoted
    group = any(k.startswith("grp:") for k in found | negated_found | quoted_found)
    if found & _HOSTILE_WORDS and any(k.startswith("grp:") for k in found):
        # beside a word that condemns hate, hostile words about a group are what is
        # condemned ("calling Jews dogs is hate speech"): __counter_hostile__ says so
        if "cue:counter" not in found:
            extras.append("__grp_hostile__")
    elif group and "cue:positive" in found:
        extras.append("__grp_positive__")
    if negated_found & _HOSTILE_WORDS:
        extras.append("__neg_hostile__" if not group else "__grp_neg_hostile__")
    if quoted_found & _HOSTILE_WORDS:
        extras.append("__quote_hostile__")
    if any(t.startswith("q_") for t in tokens):
        extras.append("__quote__")
    if any(t.startswith("n_") for t in tokens):
        extras.append("__negation__")
    if negated_found & _HOSTILE_WORDS and not found & _HOSTILE_WORDS:
        # every hostile word is denied: the letters left over ("should not", "are not")
        # are the scaffolding of hateful sentences and read as hate; the words and the
        # scope features say what is denied
        chars = ""
    return Analysis(norm, tokens, plain_text, chars, extras)


_SENTENCE_ENDS = frozenset(".!?;。؟")
_QUESTION_MARKS = frozenset("?؟")
ASKING_REACH = 5  # a negator among a question's first five tokens asks (decision 0546)


def _asking_negators(tokens: list[str], negators: frozenset[str]) -> set[int]:
    """Positions of the negators that ask rather than deny: among the first
    :data:`ASKING_REACH` tokens of a sentence ending in a question mark ("aren't {g} just
    vermin?", "¿no son los {g} una plaga?"), or anywhere in a Mandarin question ending
    in "吗" ("难道{g}不是害虫吗？"). Such a question asserts what it asks (decision 0546)."""
    asking: set[int] = set()
    if _QUESTION_MARKS.isdisjoint(tokens):  # most texts ask nothing
        return asking
    start = 0
    for end, tok in enumerate(tokens):
        if tok not in _SENTENCE_ENDS:
            continue
        if tok in _QUESTION_MARKS:
            particle = end > start and tokens[end - 1] == "吗"
            asking.update(
                i
                for i in range(start, end)
                if (tokens[i] in negators or tokens[i] in cues.NEGATORS_AFTER)
                and (particle or i - start < ASKING_REACH)
            )
        start = end + 1
    return asking


def _word_features(analysis: Analysis) -> list[str]:
    toks = [t for t in analysis.tokens if t not in _BOUNDARY]
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)] + analysis.extras


def _identity(features: list[str]) -> list[str]:
    return features


_GRAMS: dict[str, list[str]] = {}


def char_ngrams(text: str, min_n: int = 3, max_n: int = 5) -> list[str]:
    """Character n-grams inside word boundaries, exactly as scikit-learn's ``char_wb``
    (each word padded with one space), cached per word for speed."""
    out: list[str] = []
    for word in text.split():
        grams = _GRAMS.get(word)
        if grams is None:
            grams = []
            padded = f" {word} "
            length = len(padded)
            for n in range(min_n, max_n + 1):
                offset = 0
                grams.append(padded[offset : offset + n])
                while offset + n < length:
                    offset += 1
                    grams.append(padded[offset : offset + n])
                if offset == 0:  # a short word counts once
                    break
            if len(_GRAMS) < 500_000:
                _GRAMS[word] = grams
        out.extend(grams)
    return out


def category_of(analysis: Analysis) -> str:
    """The category of a hateful text from cues outside negation and quotes."""
    extras = set(analysis.extras)
    if "__threat__" in extras:
        return "threat"
    if "__dehum__" in extras:
        return "dehumanisation"
    if "__slur__" in extras:
        return "slur"
    return "derogation"


_CUE_NAMES = {
    "__threat__": "threat words",
    "__dehum__": "dehumanising words",
    "__slur__": "slur",
    "__counter__": "counter-speech words",
    "__counter_hostile__": "counter-speech repeating hostile words",
    "__grp_hostile__": "hostile words about a group",
    "__neg_hostile__": "hostile words denied",
    "__grp_neg_hostile__": "hostile words about a group denied",
    "__quote_hostile__": "hostile words quoted",
    "__negation__": "negation",
    "__quote__": "quotation",
}


def named_groups(analysis: Analysis) -> list[str]:
    """The target groups a text names (its ``__grp_<target>__`` features; not the scope
    features ``__grp_hostile__`` and the like, which say what is said of a group)."""
    names = (e[6:-2].replace("_", " ") for e in analysis.extras if e.startswith("__grp_"))
    return [name for name in names if name in cues.TARGETS]


def cues_fired(analysis: Analysis) -> list[str]:
    """Readable names of the cues found in a text (for analysts: why it was flagged)."""
    found = [_CUE_NAMES[e] for e in analysis.extras if e in _CUE_NAMES]
    groups = named_groups(analysis)
    listed = gazetteer.target_in(analysis.plain_words)
    return found + [f"group: {g}" for g in groups] + ([f"listed group: {listed}"] if listed else [])


class NgramSettings(PluginSettings):
    """Settings of the default model."""

    word_features: int = Field(2**19, ge=1, description="Hashed word n-gram features.")
    char_features: int = Field(2**19, ge=1, description="Hashed character n-gram features.")
    target_features: int = Field(
        2**16, ge=1, description="Hashed features of the target-group model."
    )
    c: float = Field(1.0, gt=0, description="Inverse regularisation of the linear models.")
    max_iter: int = Field(200, ge=1, description="Most solver iterations.")
    calibration_share: float = Field(
        0.1, gt=0, lt=1, description="Share of training rows held back to calibrate each language."
    )
    calibration_min: int = Field(
        20, ge=1, description="Fewest held-back rows a language needs for its own calibration."
    )


@CLASSIFIERS.register
class NgramClassifier(SpeechClassifier):
    """Linear model on hashed word (1-2) and character (3-5) n-grams plus cue features."""

    name = "tocsin-ngram"
    summary = "Fast CPU model: hashed word+char n-grams, negation/quote scope, group and cue cues"
    Settings: ClassVar[type[PluginSettings]] = NgramSettings
    settings: NgramSettings
    version = "2.47"
    # 2.3 ends negation at "but"/"than", reads no letters of a text whose hostility is denied;
    # 2.4 lets a denied verb of saying deny its whole clause; 2.5 reads listed words
    # misspelt by two swapped letters; 2.6 reads groups named in every supported language;
    # 2.7 reads French and Italian elisions and words of exclusion; 2.8 reads slurs in every
    # supported language; 2.9 reads groups at risk in 13 more countries; 2.10 reads
    # words of violence in the passive forms threats take; 2.11 reads wishes of death; 2.12
    # learns identity statements and abuse of non-protected groups as non-hateful; 2.14
    # reads stereotype words (2.13, withdrawn, read denied praise); 2.15 reads the German
    # negators keinen, keinem, keiner, keines; 2.16 reads Polish typed without "ł" and Hindi
    # without the nukta; 2.17 reads the negators of the Arabic dialects; 2.18 reads German
    # group words typed without umlauts; 2.19 reads Polish group words as objects; 2.20
    # reads Polish threats in the imperative; 2.21 reads Arabic verbs with the future "س"
    # or an object pronoun, and Arabic plurals in the nominative; 2.22 reads Polish words of
    # contempt and vermin in every case and gender; 2.23 reads a denied "true" as denying
    # its clause; 2.24 reads words of contempt and group words in every gender; 2.25 reads
    # Arabic words of contempt in both cases; 2.26 reads a negator after a verb of saying as
    # denying its clause; 2.27 reads "deserve to die", "death to", terrorists and thieves in
    # every language; 2.28 reads Dutch compounds, sectarian and casteist slurs and more;
    # 2.29 reads Polish verbs of saying in the past, Arabic verbs of claiming, and "لل";
    # 2.30 learns slurs in plain sentences from more frames; 2.31 reads profanity aimed at
    # a group as hostility; 2.32 reads the words of vermin, filth and beasts in every language;
    # 2.33 reads Italian "odio" as a verb where it cannot be the noun; 2.34 reads a negated
    # question ("aren't {g} just vermin?") as asserting what it asks; 2.35 reads the verbs of
    # hate and contempt each language lacked; 2.36 reads
    # Portuguese and Polish "no" ("in the", "well") as no negator; 2.37 reads two swapped
    # letters in Arabic and Devanagari words as in Latin ones; 2.38 reads hate in the past
    # and the plural, and disgust ("{g} make me sick"), in every language; 2.39 reads threats
    # in the future and the first person, beating, burning down and stabbing, places of
    # worship and Polish group words in the singular; 2.40 reads German and Dutch verbs of
    # violence whose particle ends the clause ("ich bringe jeden ... um"); 2.41 reads
    # plague, cancer and tumour in the languages that lacked them; 2.42 learns Swahili "not
    # human" in the word for a human being; 2.43 learns what should be done to a group both
    # ways, "{g} should be shot" and "{g} should be protected"; 2.44 reads a restrictive
    # negation ("les {g} ne sont que des rats") as asserting what follows; 2.45 reads a life
    # denied to a group ("{g} don't deserve to live") as a threat; 2.46 reads a right
    # denied to a group ("{g} should not be allowed to vote") as hostility; 2.47 joins
    # Devanagari spaced out letter by letter ("म ु स ल म ा न")
    reads_versions = ("2.47",)
    # defaults for models saved by 1.0 (no language routing, no calibration)
    languages: tuple[str, ...] = ()
    _calibrators: dict[str, tuple[float, float]] = {}  # noqa: RUF012 - replaced on fit

    def __init__(self, settings: PluginSettings | None = None) -> None:
        super().__init__(settings)
        s = self.settings
        assert isinstance(s, NgramSettings)
        self._words = HashingVectorizer(
            analyzer=_identity, n_features=s.word_features, alternate_sign=False, norm=None
        )
        self._chars = HashingVectorizer(
            analyzer=char_ngrams, n_features=s.char_features, alternate_sign=False, norm=None
        )
        self._tfidf = TfidfTransformer(sublinear_tf=True)
        self._target_words = HashingVectorizer(
            analyzer=_identity, n_features=s.target_features, alternate_sign=False
        )
        self._hate: LogisticRegression | None = None
        self._calibrators = {}
        self.languages = ()
        self._target: SGDClassifier | None = None
        self.metrics: dict[str, object] = {}

    def _raw_features(self, analyses: list[Analysis]) -> sparse.csr_matrix:
        words = self._words.transform([_word_features(a) for a in analyses])
        chars = self._chars.transform([a.chars for a in analyses])
        return sparse.hstack([words, chars], format="csr")

    def _target_features(self, analyses: list[Analysis]) -> sparse.csr_matrix:
        return self._target_words.transform([_word_features(a) for a in analyses])

    def features(self, analyses: list[Analysis]) -> sparse.csr_matrix:
        """TF-IDF weighted features of analysed texts (after fitting)."""
        return self._design(analyses)

    def _design(self, analyses: list[Analysis], fit: bool = False) -> sparse.csr_matrix:
        """The hateful head's input: TF-IDF weighted n-grams and cues (the weights are
        learnt when ``fit``). Subclasses may add columns."""
        raw = self._raw_features(analyses)
        return self._tfidf.fit_transform(raw) if fit else self._tfidf.transform(raw)

    def fit(self, corpus: pd.DataFrame) -> None:
        """Fit the hateful head on most rows, calibrate it per language on a held-back
        tenth of the training rows, and fit the target head on hateful rows with targets.

        The languages with both classes in ``corpus`` become :attr:`languages`; texts in
        any other language are labelled ``unsupported-language``."""
        s = self.settings
        assert isinstance(s, NgramSettings)
        y_all = corpus["hateful"].to_numpy(int)
        if len(set(y_all)) < 2:
            raise ValueError("training data must contain both hateful and non-hateful texts")
        langs = corpus["lang"].astype(str).to_numpy() if "lang" in corpus else None
        if langs is not None:
            both = corpus.groupby("lang")["hateful"].nunique()
            self.languages = tuple(sorted(str(k) for k in both[both == 2].index))
        calib = _calibration_rows(corpus["text"], s.calibration_share)
        if len(set(y_all[~calib])) < 2:
            calib = np.zeros(len(corpus), bool)
        row_langs = langs if langs is not None else [None] * len(corpus)
        analyses = [analyse(t, code) for t, code in zip(corpus["text"], row_langs, strict=True)]
        x_all = self._design(analyses, fit=True)
        self._hate = LogisticRegression(
            C=s.c, class_weight="balanced", solver="liblinear", max_iter=s.max_iter
        ).fit(x_all[~calib], y_all[~calib])
        self._calibrators = {}
        if langs is not None and calib.any():
            margin = self._hate.decision_function(x_all[calib])
            for code in self.languages:
                mine = langs[calib] == code
                y = y_all[calib][mine]
                if min((y == 1).sum(), (y == 0).sum()) >= s.calibration_min:
                    platt = LogisticRegression(C=1.0, class_weight="balanced")
                    platt.fit(margin[mine].reshape(-1, 1), y)
                    self._calibrators[code] = (float(platt.coef_[0, 0]), float(platt.intercept_[0]))
        has_target = (y_all == 1) & corpus["target"].astype(bool).to_numpy()
        targets = corpus["target"].to_numpy()[has_target]
        self._target = None
        if len(set(targets)) >= 2:
            chosen = [a for a, keep in zip(analyses, has_target, strict=True) if keep]
            self._target = SGDClassifier(
                loss="log_loss",
                alpha=1e-4,
                class_weight="balanced",
                max_iter=50,
                tol=None,
                random_state=0,
            ).fit(self._target_features(chosen), targets)

    def _scores(self, x: sparse.csr_matrix, langs: list[str]) -> np.ndarray:
        assert self._hate is not None
        margin = self._hate.decision_function(x)
        scale = np.array([self._calibrators.get(code, (1.0, 0.0))[0] for code in langs])
        shift = np.array([self._calibrators.get(code, (1.0, 0.0))[1] for code in langs])
        return np.asarray(1.0 / (1.0 + np.exp(-(scale * margin + shift))))

    def predict(self, texts: Sequence[str], lang: str | None = None) -> Predictions:
        """Scores, categories and targets for ``texts``. Each text's language is
        detected (or ``lang`` is taken as given); texts in a language the model was not
        trained on are labelled ``unsupported-language`` with score 0."""
        if self._hate is None:
            raise ModelFileError("the model is not fitted")
        if len(texts) == 0:
            return Predictions(np.zeros(0), [], [])
        supported = self.languages
        langs = language.route(list(texts), supported, lang) if supported else [""] * len(texts)
        analyses = [analyse(t, code or None) for t, code in zip(texts, langs, strict=True)]
        score = self._scores(self.features(analyses), langs)
        known = [not supported or not code or code in supported for code in langs]
        score = np.where(known, score, 0.0)
        flagged = [a for a, p in zip(analyses, score, strict=True) if p >= THRESHOLD]
        guesses = iter(
            self._target.predict(self._target_features(flagged))
            if self._target is not None and flagged
            else ["other"] * len(flagged)
        )
        head = [next(guesses) if p >= THRESHOLD else "" for p in score]
        categories, targets, named_flags, labels = [], [], [], []
        for s, a, guess, ok in zip(score, analyses, head, known, strict=True):
            said = a.plain_words if s >= THRESHOLD else []
            listed = gazetteer.target_in(said) if said else None
            named = named_groups(a)
            slurred = cues.slur_target(said) if said and not named else None
            named_flags.append(bool(named) or listed is not None or slurred is not None)
            labels.append(UNSUPPORTED if not ok else "hateful" if s >= THRESHOLD else "non-hateful")
            if s < THRESHOLD:
                categories.append("none")
                targets.append("")
                continue
            categories.append(category_of(a))
            targets.append(listed or (named[0] if named else slurred or str(guess)))
        return Predictions(
            score,
            categories,
            targets,
            label=labels,
            normalised=[a.normalised for a in analyses],
            cue_category=[category_of(a) for a in analyses],
            target_named=named_flags,
            lang=langs,
            cues=[cues_fired(a) for a in analyses],
        )


def _calibration_rows(texts: pd.Series, share: float) -> np.ndarray:
    """A stable pseudo-random ``share`` of rows (by text hash) held back for calibration."""
    cut = int(share * 1000)
    return np.array([zlib.crc32(str(t).encode()) % 1000 < cut for t in texts], bool)
