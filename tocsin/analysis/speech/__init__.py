"""The hate speech and incitement monitor.

- ``corpora``: readers that harmonise the labelled corpora (label mapping documented there).
- ``normalise``: undo spelling tricks; ``cues``: group words, negators, counter-speech,
  threat and dehumanisation cues.
- ``classifier``: the classifier plug-in interface (``CLASSIFIERS``) and ``tocsin-ngram``.
- ``training``: train, evaluate on held-out splits, versioned model files.
- ``batch``: CSV / JSON Lines scoring with bad-row reports; ``lexicon``: coded terms.
- ``posts``: post importers (CSV, JSON Lines, Telegram) and ingest; ``trends``: weekly
  series and surge detection; ``rabat``: the six-part threshold worksheet.
"""
