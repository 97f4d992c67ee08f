"""Detectors: the small, named, pure functions that the text rules ask.

Every rule that reads a student's text asks one of these questions ("where does
this draft ask for a job?", "does it bound the time it asks for?") instead of
carrying its own regular expression. Each finder returns the evidence as
``(start, end)`` character offsets into the text it was given, so a Report can
highlight exactly what was found.

The finders aim at meaning rather than single keywords:

* phrases are matched as families ("we met at", "we spoke briefly after your
  panel", "great to meet you at ...") rather than one word;
* a match inside the scope of a negation in the same clause ("I'm **not** looking
  for a job", "this **isn't** a request for a job") does not count, while "I
  don't know if ..." and "whether or not ..." are not negations;
* words used in another sense do not trigger a rule ("you did a great *job* on
  the exhibit" is not a job ask, "we met *briefly*" is not a time bound).

Patterns are compiled once, on first use (see :class:`.text.LazyPattern`); no finder
imports anything heavy.

One layer per module; a module imports only from the layers listed before it:

* :mod:`.vocab`: the vocabularies (word lists, the topic taxonomy) read from ``infoview_lib/data``;
* :mod:`.text`: lazy patterns, words, sentences, clauses, negation, the message body, stems;
* :mod:`.time`, :mod:`.research`, :mod:`.jobs`, :mod:`.language`: what a message asks for or shows;
* :mod:`.topics`: what a request wants to learn (it leaves out job asks);
* :mod:`.request`, :mod:`.thanks`, :mod:`.notes`, :mod:`.questions`: per artefact.

Vocabularies (what words mean) are data files; structural patterns (how a phrase is built)
stay here in Python. Every phrasing (top-level alternative) of a phrase pattern has an example
that only it catches, as data in ``infoview_lib/data/phrasing_examples.json``; a phrasing
with none is redundant and is removed (``tests/test_detector_examples.py``).
"""
