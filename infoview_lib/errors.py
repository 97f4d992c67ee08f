"""The root of the errors the kit raises on purpose.

Every error class of ``infoview_lib`` derives from :class:`InfoviewError` as well as from the
built-in exception it has always been (ValueError, KeyError, RuntimeError, ...), so a caller can
catch everything the kit reports about bad input or a failed step in one ``except``, and code
that caught the built-in one goes on working.

>>> from infoview_lib.quiz import QuizDataError
>>> issubclass(QuizDataError, InfoviewError) and issubclass(QuizDataError, ValueError)
True
"""
from __future__ import annotations


class InfoviewError(Exception):
    """An error the kit raises on purpose, with a message that names what was wrong."""
